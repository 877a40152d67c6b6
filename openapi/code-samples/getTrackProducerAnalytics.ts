import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { analytics } = unwrap(await api.GET('/api/v1/tracks/{track_id}/producer-analytics', {
  params: { path: { track_id: 900000001 }, query: { period: '7d' } },
}));
const { plays, unique_listeners } = analytics.performance_metrics;
console.log(`${plays} plays by ${unique_listeners} listeners (${analytics.growth.plays_change ?? 'n/a'}% vs the week before)`);
for (const day of analytics.timeline.data) console.log(day.date, day.plays, day.downloads);
