import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

// As the user types in an artist field.
const { suggestions } = unwrap(await api.GET('/api/v1/search/suggestions/artist', { params: { query: { query: 'nov', limit: 5 } } }));
for (const artist of suggestions) console.log(artist.id, artist.name);
