import { createBeatPassClient, unwrap } from '../../client/index.js';

const anonymous = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });
const { user } = unwrap(
  await anonymous.POST('/api/v1/auth/login', {
    body: { email: 'listener@beatpass.test', password: 'correct-horse-battery', token_name: 'My phone' },
  }),
);

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: user.access_token } });
console.log((await api.GET('/api/v1/users/{user_id}', { params: { path: { user_id: 'me' } } })).response.status); // 200
