import { createBeatPassClient, paginate } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// In playlist order, 30 a page by default (at most 100).
for await (const track of paginate(api, '/api/v1/playlists/{playlist_id}/tracks', {
  params: { path: { playlist_id: 900000001 }, query: { per_page: 100 } },
})) {
  console.log(track.id, track.name, track.duration_text);
}
