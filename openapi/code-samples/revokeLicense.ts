import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  const { message } = unwrap(await api.POST('/api/v1/licenses/{uuid}/revoke', {
    params: { path: { uuid: '00000000-0000-4000-8000-0000a3a9e1ed' } },
    body: { reason: 'The payment was disputed and refunded.' },
  }));
  console.log(message);
} catch (error) {
  if (error instanceof BeatPassError && error.status === 403) console.log("Only the track's owner can revoke its licenses");
  else throw error;
}
