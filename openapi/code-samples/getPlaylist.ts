import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// The first 30 tracks come along; later pages: GET /api/v1/playlists/{playlist_id}/tracks.
const { playlist, tracks, totalDuration } = unwrap(await api.GET('/api/v1/playlists/{playlist_id}', { params: { path: { playlist_id: 900000001 } } }));
console.log(playlist.name, `${tracks.total} tracks, ${Math.round((totalDuration ?? 0) / 60_000)} min`);
for (const track of tracks.data) console.log(track.id, track.name, track.duration_text);
