import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  const { users } = unwrap(await api.GET('/api/v1/users/search', { params: { query: { query: 'maya', limit: 10 } } }));
  for (const user of users) console.log(user.id, user.display_name, user.username);
} catch (error) {
  // 422: the query is shorter than 2 or longer than 100 characters.
  if (error instanceof BeatPassError && error.status === 422) console.log('Type at least 2 characters');
  else throw error;
}
