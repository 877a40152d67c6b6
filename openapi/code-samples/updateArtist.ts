import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { artist } = unwrap(await api.PUT('/api/v1/artists/{artist_id}', {
  params: { path: { artist_id: 900000001 } },
  body: { website: 'https://novabeats.example.org' },
}));
console.log(artist.website);
