import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  const { url, expires_at } = unwrap(await api.POST('/api/v1/artist/stripe-connect/onboard', { body: { country: 'CA' } }));
  // Send the artist there before the link expires; they come back to your site afterwards.
  console.log(url, expires_at);
} catch (error) {
  if (error instanceof BeatPassError && error.status === 422) console.log(error.fieldErrors.country?.[0] ?? error.message);
  else throw error;
}
