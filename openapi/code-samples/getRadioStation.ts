import { createBeatPassClient, unwrap } from '../../client/index.js';

// A station seeded with an artist: tracks that share the artist's genres, tags and tempo, and
// their listeners. With a token the tracks carry BPM, key and plays.
const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const station = unwrap(await api.GET('/api/v1/radio/{type}/{id}', { params: { path: { type: 'artist', id: 900000001 } } }));
console.log(`Radio: ${station.seed.name}`);
for (const track of station.recommendations) console.log(track.name, 'bpm' in track ? `${track.bpm} BPM` : '');
