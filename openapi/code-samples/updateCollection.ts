import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Partial: omitted fields keep their value; track_ids replaces the tracks in this order.
const { collection } = unwrap(await api.PUT('/api/v1/collections/{collection_id}', {
  params: { path: { collection_id: 900000001 } },
  body: { name: 'Late night trap starters', track_ids: [900000002, 900000001] },
}));
console.log(collection.updated_at, collection.track_ids);
