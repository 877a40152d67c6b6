import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Owner only. Careful: passing the owner's own ID deletes the whole playlist.
const result = unwrap(await api.POST('/api/v1/playlists/{playlist_id}/remove-editor', {
  params: { path: { playlist_id: 900000001 } },
  body: { user_id: 900000002 },
}));
if ('deleted' in result) console.log('The playlist was deleted');
else console.log(result.message, result.playlist.editors.map((u) => u.display_name));
