import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { pagination } = unwrap(await api.GET('/api/v1/artists/{artist_id}/followers', { params: { path: { artist_id: 900000001 } } }));
for (const user of pagination.data) console.log(user.id, user.display_name);
