import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { metrics } = unwrap(await api.GET('/api/v1/tracks/{track_id}/engagement-metrics', { params: { path: { track_id: 900000001 } } }));
console.log(`${metrics.plays} plays by ${metrics.unique_listeners} listeners, ${Math.round(metrics.completion_rate * 100)}% finished`);
