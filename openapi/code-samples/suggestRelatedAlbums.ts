import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { album, suggestions } = unwrap(
  await api.GET('/api/v1/search/suggestions/album/{album_id}', { params: { path: { album_id: 900000001 }, query: { limit: 5 } } }),
);
console.log(`If you like ${album.name}:`, suggestions.map((a) => a.name).join(', '));
