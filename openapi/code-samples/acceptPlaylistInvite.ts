import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

// Signed in as the invited user.
const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  const { playlist } = unwrap(await api.POST('/api/v1/playlists/{playlist_id}/accept-invite', { params: { path: { playlist_id: 900000001 } } }));
  console.log(`You can now edit ${playlist.name}`, playlist.role); // 'editor'
} catch (error) {
  if (error instanceof BeatPassError && error.status === 410) console.log('The invitation expired: ask the owner for a new one');
  else throw error;
}
