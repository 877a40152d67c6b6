import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const checkout = unwrap(await api.POST('/api/v1/tracks/{track_id}/purchase/initiate', { params: { path: { track_id: 900000001 } }, body: { license_type: 'exclusive' } }));
// In the browser, Stripe.js takes it from here: stripe.confirmCardPayment(checkout.client_secret, ...).
// On the sandbox, POST /api/v1/sandbox/payment-intents/{payment_intent_id}/confirm does the same.
console.log(checkout.purchase_id, checkout.payment_intent_id, checkout.pricing.total_amount);
