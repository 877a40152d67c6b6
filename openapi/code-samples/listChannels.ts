import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { channels } = unwrap(await api.GET('/api/v1/channel'));
for (const channel of channels) console.log(channel.slug, '-', channel.name, `(${channel.content_type})`);
