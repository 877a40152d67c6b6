import { createBeatPassClient, paginate } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Most played first.
for await (const collection of paginate(api, '/api/v1/collections/featured')) {
  console.log(collection.name, 'by', collection.owner.display_name, `${collection.plays} plays`);
}
