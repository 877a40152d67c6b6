import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { album } = unwrap(await api.POST('/api/v1/albums', {
  body: { name: 'Night Shift Tape', release_date: '2026-03-13', artists: ['CURRENT_USER'], image: 'https://example.com/night-shift.jpg' },
}));
console.log(album.id, album.artists.map((a) => a.name));
