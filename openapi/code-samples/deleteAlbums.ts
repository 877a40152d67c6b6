import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// All or nothing: one unknown or foreign ID and nothing is deleted.
unwrap(await api.DELETE('/api/v1/albums/{album_id}', { params: { path: { album_id: '900000001,900000002' } } }));
