import { createBeatPassClient, unwrap } from '../../client/index.js';

// The first page of the trending channel; `page` and `per_page` walk the rest.
const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { channel } = unwrap(await api.GET('/api/v1/channel/{channel}', { params: { path: { channel: 'trending' }, query: { per_page: 10 } } }));
console.log(`${channel.name}: ${channel.content.total} items`);
for (const item of channel.content.data) console.log(item.model_type, item.id, 'name' in item ? item.name : '');
