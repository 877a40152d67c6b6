import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { album } = unwrap(await api.GET('/api/v1/albums/{album_id}', { params: { path: { album_id: 900000001 } } }));
console.log(album.name, album.release_date);
