import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { analytics } = unwrap(await api.GET('/api/v1/artists/{artist_id}/producer-analytics', {
  params: { path: { artist_id: 900000001 }, query: { period: '90d' } },
}));
for (const device of analytics.audience_insights.devices) console.log(device.label, device.value);
console.log(`${analytics.engagement_metrics.downloads} downloads by ${analytics.engagement_metrics.unique_downloaders} people`);
