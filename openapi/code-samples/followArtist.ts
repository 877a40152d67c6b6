import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  unwrap(await api.POST('/api/v1/artists/{artist_id}/follow', { params: { path: { artist_id: 900000001 } } }));
} catch (error) {
  // 409: already following, which is what we wanted.
  if (!(error instanceof BeatPassError && error.status === 409)) throw error;
}
