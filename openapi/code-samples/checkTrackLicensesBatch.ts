import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Up to 100 tracks at once, e.g. to badge the beats of a list the user already licensed.
const { licenses } = unwrap(await api.POST('/api/v1/tracks/check-licenses-batch', { body: { track_ids: [900000001, 900000002] } }));
for (const entry of licenses) console.log(entry.track_id, entry.has_license ? entry.license?.uuid : 'not licensed');
