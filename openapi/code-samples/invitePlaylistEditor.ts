import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Owner only, on a collaborative playlist; the invitation expires after 7 days.
try {
  const { message } = unwrap(await api.POST('/api/v1/playlists/{playlist_id}/invite', {
    params: { path: { playlist_id: 900000001 } },
    body: { user_id: 900000002 },
  }));
  console.log(message); // Invitation sent.
} catch (error) {
  if (error instanceof BeatPassError && error.status === 409) console.log('Already invited: waiting for an answer');
  else if (error instanceof BeatPassError && error.status === 422) console.log(error.fieldErrors.user_id?.[0] ?? error.message);
  else throw error;
}
