import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { albums } = unwrap(await api.GET('/api/v1/carousel/albums'));
for (const album of albums) console.log(album.name, album.release_date ?? '');
