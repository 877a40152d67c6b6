// The whole purchase flow with every log line captured (debug level, the server's own logger
// settings): no client secret, webhook secret, card number or Stripe API key appears in any.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload } from '../../../server/payments/webhook-signature.js';
import { stripeEvent } from '../../../server/payments/events.js';
import { createStripePaymentProvider } from '../../../server/payments/stripe-provider.js';
import { DEMO_PAYOUT_ACCOUNT } from '../../../server/seed/commerce.js';
import { FAKE_STRIPE_SECRET_KEY, startFakeStripe, type FakeStripe } from '../../support/fake-stripe.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';
import { CARDS, demoOffers, pay, settledStatus } from './support.js';

const WEBHOOK_SECRET = 'whsec_test_log_check_0123456789abcdef';

function expectNoneIn(lines: string[], secrets: string[]) {
  expect(
    lines.some((line) => line.includes('/purchase/initiate')),
    'the request log was captured',
  ).toBe(true);
  const log = lines.join('\n');
  for (const secret of secrets) expect(log.includes(secret), `a log line contains ${secret.slice(0, 12)}…`).toBe(false);
}

describe('on the local provider', () => {
  const lines: string[] = [];
  const t = useTestServer({ signIn: ['developer', 'producer'], logLines: lines, commerce: { webhookSecret: WEBHOOK_SECRET } });

  it('logs none of the secrets of a paid, a declined and a refunded purchase', async () => {
    const offers = await demoOffers(t.server);
    const paid = await pay(t.as.developer, offers.both, CARDS.succeeds, 'non_exclusive');
    expectStatus(paid.confirmed, 200);
    await settledStatus(t.as.developer, offers.both, 'non_exclusive');
    const declined = await pay(t.as.developer, offers.nonExclusiveOnly, CARDS.declined);
    expectStatus(declined.confirmed, 402);
    await settledStatus(t.as.developer, offers.nonExclusiveOnly);
    expectStatus(await t.as.producer.call('refundSandboxPaymentIntent', { path: { payment_intent_id: paid.initiated.payment_intent_id } }), 200);
    await t.server.commerce.local!.deliveriesSettled();

    expect(lines.some((line) => line.includes('webhook delivered'))).toBe(true);
    expectNoneIn(lines, [paid.initiated.client_secret, declined.initiated.client_secret, WEBHOOK_SECRET, CARDS.succeeds, CARDS.declined]);
  });
});

describe('on the Stripe provider', () => {
  const lines: string[] = [];
  let fake: FakeStripe;
  beforeAll(async () => {
    fake = await startFakeStripe();
    fake.accounts.set(DEMO_PAYOUT_ACCOUNT, {
      id: DEMO_PAYOUT_ACCOUNT,
      object: 'account',
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      capabilities: { card_payments: 'active', transfers: 'active' },
      requirements: { currently_due: [] },
    });
  });
  afterAll(async () => {
    await fake.close();
  });
  const t = useTestServer({
    signIn: ['developer'],
    logLines: lines,
    commerce: {
      get provider() {
        return createStripePaymentProvider({ secretKey: FAKE_STRIPE_SECRET_KEY, apiUrl: fake.url });
      },
      webhookSecret: WEBHOOK_SECRET,
    },
  });

  it('logs neither the API key nor the client secret nor the webhook secret', async () => {
    const offers = await demoOffers(t.server);
    const checkout = await t.as.developer.call('initiateTrackPurchase', { path: { track_id: offers.nonExclusiveOnly }, body: {} });
    expectStatus(checkout, 200);
    expect(checkout.body.client_secret).toMatch(/^pi_\w+_secret_\w+$/);
    // Sandbox routes are off with Stripe: Stripe.js confirms, and Stripe sends the webhook.
    const sandbox = await t.as.developer.call('confirmSandboxPaymentIntent', {
      path: { payment_intent_id: checkout.body.payment_intent_id },
      body: { card_number: CARDS.succeeds },
    });
    expectStatus(sandbox, 404);
    fake.succeedPaymentIntent(checkout.body.payment_intent_id);
    const event = stripeEvent('payment_intent.succeeded', { id: checkout.body.payment_intent_id, object: 'payment_intent', status: 'succeeded' });
    const payload = JSON.stringify(event);
    const delivered = await t.as.anonymous.request('POST', '/api/stripe/webhook', {
      body: payload,
      headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(payload, WEBHOOK_SECRET) },
    });
    expect(delivered.status).toBe(200);
    expect(await settledStatus(t.as.developer, offers.nonExclusiveOnly)).toMatchObject({ purchase_status: 'succeeded' });

    expectNoneIn(lines, [FAKE_STRIPE_SECRET_KEY, checkout.body.client_secret, WEBHOOK_SECRET, CARDS.succeeds]);
  });
});
