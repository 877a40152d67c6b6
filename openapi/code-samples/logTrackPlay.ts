import { randomUUID } from 'node:crypto';
import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// One key per play: a retried log with the same key counts once and returns the same token.
const { play_token } = unwrap(await api.POST('/api/v1/tracks/plays/{track_id}/log', {
  params: { path: { track_id: 900000001 } },
  body: { idempotency_key: randomUUID(), queueId: 'trackPage', position: 0 },
}));
// Keep play_token for POST /api/v1/tracks/plays/{track_id}/update-duration.
console.log(play_token);
