import { createBeatPassClient, paginate } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

for await (const collection of paginate(api, '/api/v1/collections/user')) {
  console.log(collection.id, collection.name, collection.track_ids.length);
}
