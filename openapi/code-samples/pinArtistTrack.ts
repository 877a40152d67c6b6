import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

unwrap(await api.POST('/api/v1/artists/{artist_id}/tracks/{track_id}/pin', { params: { path: { artist_id: 900000001, track_id: 900000001 } } }));
