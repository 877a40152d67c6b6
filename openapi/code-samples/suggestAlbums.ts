import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

// As the user types in an album field.
const { suggestions } = unwrap(await api.GET('/api/v1/search/suggestions/album', { params: { query: { query: 'night sh', limit: 5 } } }));
for (const album of suggestions) console.log(album.id, album.name, album.release_date);
