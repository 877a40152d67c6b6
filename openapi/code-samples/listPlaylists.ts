import { createBeatPassClient, paginate } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Signed in: public playlists plus the caller's own and those they edit. Anonymous callers
// get minimal playlists, without owner, counts or role.
for await (const playlist of paginate(api, '/api/v1/playlists', { params: { query: { per_page: 50 } } })) {
  const role = 'role' in playlist ? playlist.role ?? 'visitor' : 'anonymous';
  console.log(playlist.id, playlist.name, playlist.public ? 'public' : 'private', role);
}
