import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  const price = unwrap(
    await api.POST('/api/v1/tracks/{track_id}/purchase/calculate-price', { params: { path: { track_id: 900000001 } }, body: { license_type: 'exclusive' } }),
  );
  console.log(`${price.total_amount} ${price.currency}, of which the artist gets ${price.artist_amount}`);
} catch (err) {
  // 403 purchases off, 410 exclusive sold, 422 own track / already bought / artist not set up / not for sale.
  if (err instanceof BeatPassError && [403, 410, 422].includes(err.status)) console.log('Not for sale to you:', err.message);
  else throw err;
}
