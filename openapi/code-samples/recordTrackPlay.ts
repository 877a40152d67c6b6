import { randomUUID } from 'node:crypto';
import { createBeatPassClient, unwrap } from '../../client/index.js';

// The older route also counts anonymous plays; signed-in players should use /tracks/plays/{track_id}/log.
const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { play_token } = unwrap(await api.POST('/api/v1/tracks/{track_id}/plays', {
  params: { path: { track_id: 900000001 } },
  body: { idempotency_key: randomUUID(), queueId: 'trackPage', position: 0 },
}));
console.log(play_token);
