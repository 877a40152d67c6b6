import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  unwrap(await api.POST('/api/v1/users/{user_id}/unfollow', { params: { path: { user_id: '900000002' } } }));
} catch (error) {
  // 404: not following (or no such user), which is what we wanted.
  if (!(error instanceof BeatPassError && error.status === 404)) throw error;
}
