import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  unwrap(await api.DELETE('/api/v1/exclusive-license-presets/{preset_id}', { params: { path: { preset_id: 900000001 } } }));
} catch (error) {
  // 422 while tracks use the preset: point them at another one first (PUT /api/v1/tracks/{track_id}).
  if (error instanceof BeatPassError && error.status === 422) console.log(error.message);
  else throw error;
}
