import { createBeatPassClient, paginate } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// The caller's own collections and every featured one, newest first.
for await (const collection of paginate(api, '/api/v1/collections', { params: { query: { per_page: 50 } } })) {
  console.log(collection.id, collection.name, `${collection.tracks_count} tracks`, collection.featured ? 'featured' : 'mine');
}
