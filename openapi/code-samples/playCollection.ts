import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Counts one play and returns the tracks, in collection order, to queue.
const { collection, tracks } = unwrap(await api.POST('/api/v1/collections/{collection_id}/play', { params: { path: { collection_id: 900000001 } } }));
console.log(`${collection.name}: play #${collection.plays}`);
for (const track of tracks) console.log(track.id, track.name, track.duration_text);
