import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { pagination } = unwrap(await api.GET('/api/v1/albums', { params: { query: { per_page: 15 } } }));
for (const album of pagination.data) console.log(album.id, album.name, album.release_date);
