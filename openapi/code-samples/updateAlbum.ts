import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { album } = unwrap(await api.PUT('/api/v1/albums/{album_id}', {
  params: { path: { album_id: 900000001 } },
  body: { name: 'Night Shift Tape (Deluxe)' },
}));
console.log(album.name, album.updated_at);
