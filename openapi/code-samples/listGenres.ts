import { createBeatPassClient, paginate } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

// One page: api.GET('/api/v1/genres', { params: { query: { page: 2, per_page: 15 } } }).
for await (const genre of paginate(api, '/api/v1/genres', { params: { query: { per_page: 50 } } })) {
  console.log(genre.name, genre.display_name);
}
