import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Own or featured collections only; anyone else's answers 404.
const { collection } = unwrap(await api.GET('/api/v1/collections/{collection_id}', { params: { path: { collection_id: 900000001 } } }));
console.log(collection.name, collection.track_ids, collection.owner.display_name);
