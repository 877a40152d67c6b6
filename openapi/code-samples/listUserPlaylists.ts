import { createBeatPassClient, paginate } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Playlists the caller created, edits or follows, private ones included.
for await (const playlist of paginate(api, '/api/v1/users/{user_id}/playlists', { params: { path: { user_id: 'me' } } })) {
  console.log(playlist.id, playlist.name, playlist.public ? 'public' : 'private');
}
