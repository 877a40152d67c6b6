import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { minutesLeft } = unwrap(await api.GET('/api/v1/users/{user_id}/minutes-left', { params: { path: { user_id: 'me' } } }));
console.log(minutesLeft === null ? 'Unlimited uploads' : `${minutesLeft} minutes left this month`);
