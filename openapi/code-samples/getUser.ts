import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { user } = unwrap(await api.GET('/api/v1/users/{user_id}', { params: { path: { user_id: 'me' } } }));
console.log(user.display_name, user.created_at);
