import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// At subscription checkout: what the coupon takes off the Plus plan's 45.00.
try {
  const result = unwrap(await api.POST('/api/v1/billing/coupons/validate', { body: { code: 'demo10', product_id: 'plus', amount: 45 } }));
  console.log(`${result.coupon.code}: -${result.discount_amount}, you pay ${result.final_amount}`);
} catch (error) {
  // Unknown, expired, someone else's or not for this plan: the reason is under `code`.
  if (error instanceof BeatPassError && error.status === 422) console.log(error.fieldErrors.code?.[0] ?? error.message);
  else throw error;
}
