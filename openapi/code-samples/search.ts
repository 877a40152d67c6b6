import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

// The search page: up to 20 matches per type. An autocomplete passes `loader: 'search'` for 3.
const { results } = unwrap(await api.GET('/api/v1/search', { params: { query: { query: 'midnight drive', loader: 'searchPage' } } }));
for (const track of results.tracks) console.log('track', track.id, track.name);
for (const artist of results.artists) console.log('artist', artist.id, artist.name);
console.log(`${results.albums.length} albums, ${results.playlists.length} playlists, ${results.users.length} users, ${results.tags.length} tags`);
