// The Stripe webhook: signatures checked on the raw body, each event id applied once (also
// delivered concurrently), unknown types acknowledged, and every handled type's effect.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { stripeEvent, type StripeEventEnvelope } from '../../../server/payments/events.js';
import { signPayload } from '../../../server/payments/webhook-signature.js';
import { DEMO_PAYOUT_ACCOUNT } from '../../../server/seed/commerce.js';
import { useTestServer } from '../../support/fixture.js';
import { type Agent, expectStatus } from '../../support/http.js';
import { type DemoOffers, demoOffers, newBuyer, settledStatus } from '../purchases/support.js';

const t = useTestServer();
let offers: DemoOffers;
beforeAll(async () => {
  offers = await demoOffers(t.server);
});

/** Delivers `event` as Stripe would, with the signature a test chooses. */
function deliver(event: StripeEventEnvelope, options: { secret?: string; timestamp?: number; payload?: string; signature?: string | null } = {}) {
  const payload = options.payload ?? JSON.stringify(event);
  const signature =
    options.signature === undefined ? signPayload(payload, options.secret ?? t.server.commerce.webhookSecret, options.timestamp) : options.signature;
  return t.as.anonymous.request('POST', '/api/stripe/webhook', {
    body: payload,
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'stripe-signature': signature }) },
  });
}

/** A pending purchase by a new buyer (or the given one), with its payment intent, that no card has paid yet. */
async function pendingPurchase(trackId: number, buyer?: Agent) {
  const initiated = await (buyer ?? (await newBuyer(t.server))).call('initiateTrackPurchase', { path: { track_id: trackId }, body: {} });
  expectStatus(initiated, 200);
  return initiated.body;
}

const purchaseRow = async (id: number) =>
  (await t.server.rows<{ status: string; failure_message: string | null }>(sql`select status, failure_message from purchases where id = ${id}`))[0]!;

const succeeded = (paymentIntentId: string) =>
  stripeEvent('payment_intent.succeeded', { id: paymentIntentId, object: 'payment_intent', status: 'succeeded', amount: 3499, currency: 'usd' });

describe('signature', () => {
  it('refuses a missing signature, a tampered payload, a wrong secret and a stale timestamp with 400, changing nothing', async () => {
    const purchase = await pendingPurchase(offers.nonExclusiveOnly);
    const event = succeeded(purchase.payment_intent_id);
    const payload = JSON.stringify(event);
    const tampered = payload.replace('"amount":3499', '"amount":1');
    const attempts = [
      { name: 'missing', reply: await deliver(event, { signature: null }), message: 'Missing Stripe-Signature header.' },
      { name: 'tampered', reply: await deliver(event, { payload: tampered, signature: signPayload(payload, t.server.commerce.webhookSecret) }) },
      { name: 'wrong secret', reply: await deliver(event, { secret: 'whsec_not_the_right_one' }) },
      { name: 'stale', reply: await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 600 }), message: 'Timestamp outside the tolerance zone' },
      { name: 'garbage header', reply: await deliver(event, { signature: 'nonsense' }) },
    ];
    for (const { name, reply, message } of attempts) {
      expect(reply.status, name).toBe(400);
      if (message) expect(reply.body.message, name).toContain(message);
      expect(JSON.stringify(reply.body), name).not.toContain(t.server.commerce.webhookSecret);
    }
    expect(await purchaseRow(purchase.purchase_id)).toMatchObject({ status: 'pending' });
    expect(await t.server.rows(sql`select event_id from processed_webhook_events where event_id = ${event.id}`)).toEqual([]);
  });
});

describe('exactly once', () => {
  it('applies an event delivered twice once: one license', async () => {
    const purchase = await pendingPurchase(offers.nonExclusiveOnly);
    const event = succeeded(purchase.payment_intent_id);
    expect((await deliver(event)).status).toBe(200);
    expect((await deliver(event)).status).toBe(200);
    expect(await purchaseRow(purchase.purchase_id)).toMatchObject({ status: 'succeeded' });
    expect(await t.server.rows(sql`select id from licenses where purchase_id = ${purchase.purchase_id}`)).toHaveLength(1);
  });

  it('applies an event delivered five times at once exactly once', async () => {
    const artistId = await t.server.artistIdOf('producer@beatpass.test');
    const event = stripeEvent(
      'payout.paid',
      { id: 'po_1ConcurrentOnce000000', object: 'payout', amount: 1000, currency: 'usd', status: 'paid' },
      DEMO_PAYOUT_ACCOUNT,
    );
    const replies = await Promise.all(Array.from({ length: 5 }, () => deliver(event)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await t.server.rows(sql`select event_id from processed_webhook_events where event_id = ${event.id}`)).toHaveLength(1);
    expect(await t.server.rows(sql`select id, status from payouts where artist_id = ${artistId} and id = 'po_1ConcurrentOnce000000'`)).toEqual([
      { id: 'po_1ConcurrentOnce000000', status: 'paid' },
    ]);
  });

  it('acknowledges an unknown event type and does nothing with it', async () => {
    const reply = await deliver(stripeEvent('customer.created', { id: 'cus_123', object: 'customer' }));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ received: true });
  });

  it('keeps an event retryable when applying it fails: the retry applies it', async () => {
    const purchase = await pendingPurchase(offers.nonExclusiveOnly);
    const event = succeeded(purchase.payment_intent_id);
    // A license that cannot be written makes the first delivery fail inside its transaction.
    await t.server.rows(sql`alter table licenses add constraint licenses_block_test check (license_type <> 'non_exclusive') not valid`);
    try {
      const failed = await deliver(event);
      expect(failed.status).toBe(500);
      expect(await purchaseRow(purchase.purchase_id)).toMatchObject({ status: 'pending' });
      expect(await t.server.rows(sql`select event_id from processed_webhook_events where event_id = ${event.id}`)).toEqual([]);
    } finally {
      await t.server.rows(sql`alter table licenses drop constraint licenses_block_test`);
    }
    expect((await deliver(event)).status).toBe(200);
    expect(await purchaseRow(purchase.purchase_id)).toMatchObject({ status: 'succeeded' });
  });
});

describe('effects', () => {
  it('payment_intent.payment_failed fails a pending purchase with the card message', async () => {
    const buyer = await newBuyer(t.server);
    const purchase = await pendingPurchase(offers.nonExclusiveOnly, buyer);
    const event = stripeEvent('payment_intent.payment_failed', {
      id: purchase.payment_intent_id,
      object: 'payment_intent',
      status: 'requires_payment_method',
      last_payment_error: { code: 'card_declined', message: 'Your card was declined.' },
    });
    expect((await deliver(event)).status).toBe(200);
    expect(await purchaseRow(purchase.purchase_id)).toEqual({ status: 'failed', failure_message: 'Your card was declined.' });
    expect(await settledStatus(buyer, offers.nonExclusiveOnly)).toMatchObject({ purchase_status: 'failed' });
  });

  it('account.updated syncs the payout account; payout events record payouts', async () => {
    const artistId = await t.server.artistIdOf('producer@beatpass.test');
    const restricted = stripeEvent(
      'account.updated',
      {
        id: DEMO_PAYOUT_ACCOUNT,
        object: 'account',
        charges_enabled: true,
        payouts_enabled: false,
        details_submitted: true,
        requirements: { currently_due: ['external_account'] },
      },
      DEMO_PAYOUT_ACCOUNT,
    );
    expect((await deliver(restricted)).status).toBe(200);
    const [account] = await t.server.rows(sql`select payouts_enabled, requirements_due from payout_accounts where artist_id = ${artistId}`);
    expect(account).toEqual({ payouts_enabled: false, requirements_due: ['external_account'] });
    // Without payouts the artist cannot sell.
    const refused = await (await newBuyer(t.server)).call('calculateTrackPurchasePrice', { path: { track_id: offers.nonExclusiveOnly }, body: {} });
    expectStatus(refused, 422);
    expect(refused.body).toMatchObject({ reason_code: 'artist_not_payout_ready' });
    const restored = stripeEvent(
      'account.updated',
      {
        id: DEMO_PAYOUT_ACCOUNT,
        object: 'account',
        charges_enabled: true,
        payouts_enabled: true,
        details_submitted: true,
        requirements: { currently_due: [] },
      },
      DEMO_PAYOUT_ACCOUNT,
    );
    expect((await deliver(restored)).status).toBe(200);

    const payout = { id: 'po_1EffectsPayout0000000', object: 'payout', amount: 21699, currency: 'usd', arrival_date: 1772500000 };
    expect((await deliver(stripeEvent('payout.created', { ...payout, status: 'pending' }, DEMO_PAYOUT_ACCOUNT))).status).toBe(200);
    expect(
      (await deliver(stripeEvent('payout.failed', { ...payout, status: 'failed', failure_message: 'The bank account was closed.' }, DEMO_PAYOUT_ACCOUNT)))
        .status,
    ).toBe(200);
    const [row] = await t.server.rows(sql`select status, failure_message, amount_minor, currency from payouts where id = ${payout.id}`);
    expect(row).toEqual({ status: 'failed', failure_message: 'The bank account was closed.', amount_minor: 21699, currency: 'USD' });
  });
});
