import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

// The slugs are for readable URLs; the track is found by its ID.
const { track, tracks } = unwrap(
  await api.GET('/api/v1/search/audio/{track_id}/{artist_name}/{track_name}', {
    params: { path: { track_id: 900000001, artist_name: 'nova-beats', track_name: 'midnight-drive' } },
  }),
);
console.log(`Sounds like ${track.name}:`);
for (const similar of tracks) console.log(similar.id, similar.name, similar.duration_text);
