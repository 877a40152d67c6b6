import { createBeatPassClient, paginate } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Everyone the caller follows, most recent follow first.
for await (const user of paginate(api, '/api/v1/users/{user_id}/followed-users', { params: { path: { user_id: 'me' }, query: { per_page: 100 } } })) {
  console.log(user.id, user.username ?? user.display_name);
}
