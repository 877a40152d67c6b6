import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { playlist } = unwrap(await api.POST('/api/v1/playlists', {
  body: { name: 'Late night trap', description: 'Dark, slow trap beats for writing after midnight.', public: true, collaborative: true },
}));
console.log(playlist.id, playlist.role); // role: 'owner'
