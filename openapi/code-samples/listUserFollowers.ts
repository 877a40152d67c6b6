import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Simple pages: follow `next_page_url` until it is null (the profile's `counts.followers` has the total).
let page = 1;
for (;;) {
  const { pagination } = unwrap(await api.GET('/api/v1/users/{user_id}/followers', { params: { path: { user_id: 'me' }, query: { page, per_page: 50 } } }));
  for (const user of pagination.data) console.log(user.id, user.display_name);
  if (pagination.next_page_url === null) break;
  page += 1;
}
