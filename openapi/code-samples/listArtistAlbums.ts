import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

// Simple pagination: no total; follow next_page_url until it is null.
const { pagination } = unwrap(await api.GET('/api/v1/artists/{artist_id}/albums', { params: { path: { artist_id: 900000001 } } }));
for (const album of pagination.data) console.log(album.id, album.name);
console.log('more:', pagination.next_page_url !== null);
