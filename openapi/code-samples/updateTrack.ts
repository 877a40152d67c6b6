import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Omitted fields keep their value; the result must still satisfy the publishing rules.
const { track } = unwrap(await api.PUT('/api/v1/tracks/{track_id}', {
  params: { path: { track_id: 900000001 } },
  body: { exclusive_status: 'not_available', description: 'Leases only from now on.' },
}));
console.log(track.exclusive_status, track.exclusive_price); // 'not_available' null
