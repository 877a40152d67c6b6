import { createBeatPassClient, unwrap } from '../../client/index.js';

// Signed in as the invited user; 404 when there is no pending invitation.
const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

unwrap(await api.POST('/api/v1/playlists/{playlist_id}/decline-invite', { params: { path: { playlist_id: 900000001 } } }));
