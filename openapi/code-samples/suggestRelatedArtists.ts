import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

// "Fans also like" on an artist page.
const { artist, suggestions } = unwrap(
  await api.GET('/api/v1/search/suggestions/artist/{artist_id}', { params: { path: { artist_id: 900000001 }, query: { limit: 5 } } }),
);
console.log(`Fans of ${artist.name} also like:`, suggestions.map((a) => a.name).join(', '));
