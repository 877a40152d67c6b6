import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// One lyric per user and track: a second one is a 422 (update the first instead).
const { lyric } = unwrap(await api.POST('/api/v1/lyrics', {
  body: { track_id: 900000001, text: '[00:12.00] Headlights on the overpass\n[00:18.50] Counting every exit sign', synced: true },
}));
console.log(lyric.id, lyric.track.name);
