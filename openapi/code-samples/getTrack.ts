import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  const { track } = unwrap(await api.GET('/api/v1/tracks/{track_id}', { params: { path: { track_id: 900000001 } } }));
  console.log(track.name, track.created_at);
} catch (error) {
  if (error instanceof BeatPassError && error.status === 404) console.log('No such track');
  else throw error;
}
