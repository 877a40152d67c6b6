import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  const result = unwrap(await api.POST('/api/v1/reposts/toggle', { body: { repostable_type: 'track', repostable_id: 900000001 } }));
  console.log(result.action === 'added' ? `Reposted at ${result.repost?.created_at}` : 'Repost removed');
} catch (error) {
  // 400: your own track; 429: 20 reposts an hour or 100 a day (or the rate limit).
  if (error instanceof BeatPassError && (error.status === 400 || error.status === 429)) console.warn(error.message);
  else throw error;
}
