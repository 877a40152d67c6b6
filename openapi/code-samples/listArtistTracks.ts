import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { pagination } = unwrap(await api.GET('/api/v1/artists/{artist_id}/tracks', { params: { path: { artist_id: 900000001 }, query: { per_page: 20 } } }));
for (const track of pagination.data) console.log(track.id, track.name);
