import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// `name` is always sent; an omitted description or image keeps its value, null clears it.
const { playlist } = unwrap(await api.PUT('/api/v1/playlists/{playlist_id}', {
  params: { path: { playlist_id: 900000001 } },
  body: { name: 'Late night trap (private)', public: false },
}));
console.log(playlist.name, playlist.public);
