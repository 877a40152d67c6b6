import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Owner only, all or nothing: one foreign (403) or unknown (404) ID and nothing is deleted.
unwrap(await api.DELETE('/api/v1/playlists/{playlist_id}', { params: { path: { playlist_id: '900000001,900000002' } } }));
