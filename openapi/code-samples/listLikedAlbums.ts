import { createBeatPassClient, paginate } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

for await (const album of paginate(api, '/api/v1/users/{user_id}/liked-albums', { params: { path: { user_id: '900000001' } } })) {
  console.log(album.id, album.name, album.release_date);
}
