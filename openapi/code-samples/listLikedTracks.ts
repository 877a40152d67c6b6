import { createBeatPassClient, paginate } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// The caller's liked tracks, most recently liked first.
for await (const track of paginate(api, '/api/v1/users/{user_id}/liked-tracks', { params: { path: { user_id: 'me' } } })) {
  console.log(track.id, track.name);
}
