import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Up to 100 ids in queue order; tracks that no longer exist are left out, so the queue still plays.
const queue = [900000001, 900000002];
const { tracks } = unwrap(await api.POST('/api/v1/player/tracks', { body: { track_ids: queue } }));
for (const track of tracks) console.log(track.id, track.name, track.duration_text);
