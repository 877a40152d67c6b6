import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Retired: always 410. Buy a license through POST /api/v1/tracks/{track_id}/purchase/initiate.
try {
  unwrap(await api.POST('/api/v1/tracks/{track_id}/generate-license', { params: { path: { track_id: 900000001 } } }));
} catch (error) {
  if (error instanceof BeatPassError && error.status === 410) console.log(error.message);
  else throw error;
}
