import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { pagination } = unwrap(await api.GET('/api/v1/tracks', { params: { query: { query: 'dark trap', per_page: 15 } } }));
console.log(`${pagination.total} tracks, page ${pagination.current_page} of ${pagination.last_page}`);
for (const track of pagination.data) console.log(track.id, track.name, track.duration_text);
// Every page: `for await (const track of paginate(api, '/api/v1/tracks', { params: { query: { query: 'dark trap' } } }))`.
