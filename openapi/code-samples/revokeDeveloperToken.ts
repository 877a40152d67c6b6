import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

unwrap(await api.DELETE('/api/v1/developer-tokens/{token_id}', { params: { path: { token_id: 900000001 } } })); // 204
