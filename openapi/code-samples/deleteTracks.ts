import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Deletes the audio files too. All or nothing: one unknown (404) or foreign (403) ID and nothing is deleted.
unwrap(await api.DELETE('/api/v1/tracks/{track_id}', { params: { path: { track_id: '900000001,900000002' } } }));
