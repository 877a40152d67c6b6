import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { pagination } = unwrap(await api.GET('/api/v1/artists', { params: { query: { per_page: 15 } } }));
for (const artist of pagination.data) console.log(artist.id, artist.name);
