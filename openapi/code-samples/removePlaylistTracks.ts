import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { removed_count, playlist } = unwrap(await api.POST('/api/v1/playlists/{playlist_id}/tracks/remove', {
  params: { path: { playlist_id: 900000001 } },
  body: { ids: [900000002] },
}));
console.log(`removed ${removed_count}, ${playlist.tracks_count} left`);
