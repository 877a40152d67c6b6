import { createBeatPassClient, paginate } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

for await (const genre of paginate(api, '/api/v1/genres', { params: { query: { per_page: 50 } } })) {
  console.log(genre.name, genre.display_name);
}
