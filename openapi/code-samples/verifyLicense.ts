import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

// Public: no credentials needed.
const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

try {
  const check = unwrap(await api.POST('/api/v1/verify-license/{uuid}', { params: { path: { uuid: '00000000-0000-4000-8000-0000a3a9e1ed' } } }));
  console.log(check.valid ? 'Valid' : `Not valid (${check.status})`, check.track_name, check.user_email_masked);
} catch (error) {
  if (error instanceof BeatPassError && error.status === 404) console.log('No such license');
  else throw error;
}
