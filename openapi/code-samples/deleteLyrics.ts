import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// All or nothing: one unknown ID, or another user's, and the answer is 404 with nothing deleted.
unwrap(await api.DELETE('/api/v1/lyrics/{lyric_id}', { params: { path: { lyric_id: '900000001,900000002' } } }));
