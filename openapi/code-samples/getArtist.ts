import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { artist } = unwrap(await api.GET('/api/v1/artists/{artist_id}', { params: { path: { artist_id: 900000001 } } }));
console.log(artist.name, artist.model_type);
