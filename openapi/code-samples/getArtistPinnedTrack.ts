import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { track } = unwrap(await api.GET('/api/v1/artists/{artist_id}/pinned-track', { params: { path: { artist_id: 900000001 } } }));
console.log(track === null ? 'nothing pinned' : track.name);
