import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  unwrap(await api.POST('/api/v1/playlists/{playlist_id}/unfollow', { params: { path: { playlist_id: 900000001 } } }));
} catch (error) {
  // 404: not following (or no such playlist), so there is nothing to undo.
  if (!(error instanceof BeatPassError && error.status === 404)) throw error;
}
