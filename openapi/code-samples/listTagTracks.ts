import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { pagination } = unwrap(await api.GET('/api/v1/tags/{tag_name}/tracks', { params: { path: { tag_name: 'dark' } } }));
for (const track of pagination.data) console.log(track.id, track.name);
