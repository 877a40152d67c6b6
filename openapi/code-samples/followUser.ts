import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  unwrap(await api.POST('/api/v1/users/{user_id}/follow', { params: { path: { user_id: '900000002' } } }));
} catch (error) {
  // 409: already following, which is what we wanted. 429 with `follow_limit_reached`: unfollow someone first.
  if (!(error instanceof BeatPassError && error.status === 409)) throw error;
}
