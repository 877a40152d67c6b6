import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  const { collection } = unwrap(await api.POST('/api/v1/collections', {
    body: { name: 'Late night trap starters', description: 'Dark, slow beats to start a session with.', track_ids: [900000001, 900000002] },
  }));
  console.log(collection.id, collection.track_ids);
} catch (error) {
  // An unknown track is reported on its item: errors['track_ids.1'].
  if (error instanceof BeatPassError && error.status === 422) console.log(error.message);
  else throw error;
}
