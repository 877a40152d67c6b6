import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { following } = unwrap(await api.GET('/api/v1/artists/{artist_id}/follow-status', { params: { path: { artist_id: 900000001 } } }));
console.log(following ? 'Following' : 'Follow');
