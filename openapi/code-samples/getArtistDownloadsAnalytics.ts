import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { analytics } = unwrap(await api.GET('/api/v1/artists/{artist_id}/downloads-analytics', {
  params: { path: { artist_id: 900000001 }, query: { period: '30d' } },
}));
console.log(`${analytics.downloads} downloads (${analytics.downloads_change ?? 'n/a'}% vs the 30 days before)`);
for (const track of analytics.top_tracks) console.log(track.name, track.downloads);
