import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Only the track's owner and the managers of its credited artists may change it (others get 403).
const { posted_status } = unwrap(await api.PUT('/api/v1/tracks/{track_id}/posted-status', {
  params: { path: { track_id: 900000001 } },
  body: { posted: true },
}));
console.log(posted_status.posted, posted_status.posted_at); // true, the first time it was marked
