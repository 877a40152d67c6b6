import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Featured collections of other users, best match for the caller's likes, plays and collections first.
const { pagination } = unwrap(await api.GET('/api/v1/collections/recommendations', { params: { query: { per_page: 10 } } }));
for (const collection of pagination.data) console.log(collection.name, collection.images[0] ?? '(no cover)');
