import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

unwrap(await api.DELETE('/api/v1/collections/{collection_id}', { params: { path: { collection_id: 900000001 } } }));
