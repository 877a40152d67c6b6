import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Sandbox only: refunds a paid intent; charge.refunded then marks the purchase refunded.
const intent = unwrap(
  await api.POST('/api/v1/sandbox/payment-intents/{payment_intent_id}/refund', { params: { path: { payment_intent_id: 'pi_3QxR2aLkdIwHu7ix0a1b2c3d' } } }),
);
console.log(intent.amount_refunded);
