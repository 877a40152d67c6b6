import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

// Simple pagination: follow `next_page_url` (or ask for the next page) until it is null.
const { pagination } = unwrap(await api.GET('/api/v1/users/{user_id}/reposts', { params: { path: { user_id: '900000001' }, query: { page: 1 } } }));
for (const repost of pagination.data) console.log(repost.repostable_type, repost.repostable.name, repost.created_at);
console.log(pagination.next_page_url ? 'more on the next page' : 'that is all');
