import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { added_count, duplicate_count, playlist } = unwrap(await api.POST('/api/v1/playlists/{playlist_id}/tracks/add', {
  params: { path: { playlist_id: 900000001 } },
  body: { ids: [900000001, 900000002] },
}));
console.log(`added ${added_count}, already there ${duplicate_count}, now ${playlist.tracks_count} tracks`);
