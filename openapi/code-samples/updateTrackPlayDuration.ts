import { randomUUID } from 'node:crypto';
import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { play_token } = unwrap(await api.POST('/api/v1/tracks/plays/{track_id}/log', {
  params: { path: { track_id: 900000001 } },
  body: { idempotency_key: randomUUID() },
}));

// Report the listened time as playback goes on; a smaller value than one already recorded is ignored.
unwrap(await api.POST('/api/v1/tracks/plays/{track_id}/update-duration', {
  params: { path: { track_id: 900000001 } },
  body: { play_token, listened_ms: 90_000 },
}));
