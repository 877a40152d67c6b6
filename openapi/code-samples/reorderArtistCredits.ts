import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Move the newest credit to the top: the new order must list every credit of the artist once.
const artist = { artist_id: 900000001 };
const { credits } = unwrap(await api.GET('/api/v1/artists/{artist_id}/credits', { params: { path: artist } }));
const ids = credits.map((c) => c.id);
const reordered = unwrap(await api.POST('/api/v1/artists/{artist_id}/credits/reorder', {
  params: { path: artist },
  body: { ids: [...ids.slice(-1), ...ids.slice(0, -1)] },
}));
console.log(reordered.credits.map((c) => c.title));
