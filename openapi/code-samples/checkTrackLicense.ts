import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// The caller's license in force for the track, or null (always null for anonymous callers).
const license = unwrap(await api.GET('/api/v1/tracks/{track_id}/check-license', { params: { path: { track_id: 900000001 } } }));
if (license) console.log('Licensed', license.license_type, license.uuid);
else console.log('Not licensed yet');
