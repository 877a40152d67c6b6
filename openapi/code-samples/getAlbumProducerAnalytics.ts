import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { analytics } = unwrap(await api.GET('/api/v1/albums/{album_id}/producer-analytics', {
  params: { path: { album_id: 900000001 }, query: { period: '30d' } },
}));
console.log(`${analytics.basic_info.name}: ${analytics.performance_metrics.plays} plays over ${analytics.basic_info.track_count} tracks`);
for (const track of analytics.top_tracks ?? []) console.log(track.name, track.plays, track.downloads);
