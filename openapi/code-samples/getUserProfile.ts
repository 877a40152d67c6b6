import { createBeatPassClient, unwrap } from '../../client/index.js';

// Anonymous callers get the minimal profile; with a token, counts and follow state too.
const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { user } = unwrap(await api.GET('/api/v1/user-profile/{user_id}', { params: { path: { user_id: '900000002' } } }));
if ('counts' in user) console.log(user.display_name, `${user.counts.followers} followers`, user.is_following ? 'following' : '');
else console.log(user.display_name);
