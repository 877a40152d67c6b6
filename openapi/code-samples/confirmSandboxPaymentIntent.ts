import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Sandbox only: pays the intent that initiate answered with a Stripe test card.
try {
  const intent = unwrap(
    await api.POST('/api/v1/sandbox/payment-intents/{payment_intent_id}/confirm', {
      params: { path: { payment_intent_id: 'pi_3QxR2aLkdIwHu7ix0a1b2c3d' } },
      body: { card_number: '4242424242424242' },
    }),
  );
  console.log(intent.status); // succeeded; the webhook completes the purchase shortly after
} catch (err) {
  if (err instanceof BeatPassError && err.status === 402) console.log('Declined:', err.message);
  else throw err;
}
