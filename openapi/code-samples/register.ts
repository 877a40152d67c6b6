import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { boostrapData } = unwrap(
  await api.POST('/api/v1/auth/register', {
    body: {
      email: 'new.listener@beatpass.test',
      password: 'correct-horse-battery',
      password_confirmation: 'correct-horse-battery',
      token_name: 'My phone',
    },
  }),
);
// With token_name, the new user comes with a token for `Authorization: Bearer`.
console.log('access_token' in boostrapData.user ? boostrapData.user.access_token : 'no token');
