import { createBeatPassClient, unwrap } from '../../client/index.js';

// Stripe calls this route, not an app: shown here to replay a signed event in a test.
// The signature must be over the exact bytes sent (see Stripe's webhooks.generateTestHeaderString).
const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const event = { id: 'evt_1QxR3bLkdIwHu7ixYh2k9fGt', object: 'event', type: 'customer.created', data: { object: { id: 'cus_123' } } };
unwrap(await api.POST('/api/stripe/webhook', { body: event, params: { header: { 'Stripe-Signature': process.env.STRIPE_SIGNATURE ?? '' } } }));
