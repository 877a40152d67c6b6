import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { genre, tracks } = unwrap(await api.GET('/api/v1/genres/{genre_name}', { params: { path: { genre_name: 'trap' } } }));
console.log(genre.display_name, tracks.total);
