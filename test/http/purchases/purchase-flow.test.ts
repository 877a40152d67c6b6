// The whole purchase flow on the sandbox: price, checkout, a Stripe test card confirmed in
// the payment sandbox, the signed webhook the local provider delivers, and what it leaves.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAudio } from '../../../server/seed/demo-audio.js';
import { DEMO_PRODUCER_EMAIL } from '../../../server/seed/seed.js';
import { createLocalStorage } from '../../../server/storage/storage.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';
import { CARDS, type DemoOffers, demoOffers, pay, settledStatus } from './support.js';

const t = useTestServer({ signIn: ['listener', 'developer', 'producer'] });
let offers: DemoOffers;
beforeAll(async () => {
  offers = await demoOffers(t.server);
  // The sandbox gives the producer's newest tracks real audio at start (main.ts); so does this server.
  const [producer] = await t.server.rows<{ id: number }>(sql`select id from users where email = ${DEMO_PRODUCER_EMAIL}`);
  await seedDemoAudio(t.server.database.db, await createLocalStorage(t.server.storageRoot), producer!.id);
});

describe('pricing', () => {
  it('prices the exclusive by default: 12% + 3.00 taken out of 249.99, the rest to the artist', async () => {
    const reply = await t.as.developer.call('calculateTrackPurchasePrice', { path: { track_id: offers.both }, body: {} });
    expectStatus(reply, 200);
    expect(reply.body).toMatchObject({
      status: 'success',
      license_type: 'exclusive',
      track_price: 249.99,
      platform_fee: 33,
      platform_fee_rate: 12,
      platform_fee_flat: 3,
      platform_fee_waived: false,
      total_amount: 249.99,
      artist_amount: 216.99,
      currency: 'USD',
    });
    expect(reply.body.license_terms).toMatchObject({ publishing_share: { producer: 20, licensee: 80 }, exclusive_rights: true });
  });

  it('prices the non-exclusive license when asked', async () => {
    const reply = await t.as.developer.call('calculateTrackPurchasePrice', { path: { track_id: offers.both }, body: { license_type: 'non_exclusive' } });
    expectStatus(reply, 200);
    expect(reply.body).toMatchObject({ license_type: 'non_exclusive', track_price: 29.99, platform_fee: 6.6, artist_amount: 23.39 });
    expect(reply.body.license_terms).toMatchObject({ exclusive_rights: false });
  });
});

describe('a purchase paid with a card that succeeds', () => {
  it('issues the license through the webhook, marks the exclusive sold and lets the buyer download', async () => {
    const { initiated, confirmed } = await pay(t.as.developer, offers.both, CARDS.succeeds);
    expect(initiated.client_secret).toMatch(new RegExp(`^${initiated.payment_intent_id}_secret_[A-Za-z0-9]+$`));
    expectStatus(confirmed, 200);
    expect(confirmed.body).toMatchObject({ id: initiated.payment_intent_id, status: 'succeeded', amount: 24999, currency: 'usd' });

    const status = await settledStatus(t.as.developer, offers.both, 'exclusive');
    expect(status).toMatchObject({ purchase_status: 'succeeded', has_purchased: true, can_purchase: false, reason_code: 'already_purchased' });

    const listed = await t.as.developer.call('listPurchases');
    expectStatus(listed, 200);
    const purchase = listed.body.purchases.data.find((p) => p.id === initiated.purchase_id)!;
    expect(purchase).toMatchObject({ status: 'succeeded', license_type: 'exclusive', total_amount: 249.99, artist_amount: 216.99 });
    expect(purchase.purchased_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(purchase.license_uuid).toMatch(/^[0-9a-f-]{36}$/);

    const [track] = await t.server.rows<{ exclusive_status: string }>(sql`select exclusive_status from tracks where id = ${offers.both}`);
    expect(track!.exclusive_status).toBe('sold');
    const licenses = await t.server.rows<{ uuid: string; license_type: string; status: string }>(
      sql`select uuid::text, license_type, status from licenses where purchase_id = ${initiated.purchase_id}`,
    );
    expect(licenses).toEqual([{ uuid: purchase.license_uuid, license_type: 'exclusive', status: 'active' }]);

    // The license verifies publicly by UUID, its certificate reads, and the buyer (on no plan) downloads the beat.
    const verified = await t.as.anonymous.call('verifyLicense', { path: { uuid: purchase.license_uuid! } });
    expectStatus(verified, 200);
    expect(verified.body).toMatchObject({
      valid: true,
      status: 'active',
      license_type: 'exclusive',
      integrity_verified: true,
      user_email_masked: 'd***@b***.test',
    });
    const certificate = await t.as.developer.call('getLicenseCertificate', { path: { track_id: offers.both } });
    expectStatus(certificate, 200);
    expect(certificate.headers.get('content-type')).toMatch(/^text\/html/);
    expect(String(certificate.body)).toContain(purchase.license_uuid!);
    const download = await t.as.developer.call('downloadTrack', { path: { track_id: offers.both } });
    expectStatus(download, 200);
    expect(download.headers.get('content-type')).toBe('audio/wav');

    // Nobody else can buy it now, in either license.
    const other = await t.as.listener.call('calculateTrackPurchasePrice', { path: { track_id: offers.both }, body: {} });
    expectStatus(other, 410);
    expect(other.body.reason_code).toBe('exclusive_sold');
  });

  it('answers a second initiate of a pending checkout with the same payment intent', async () => {
    const first = await t.as.listener.call('initiateTrackPurchase', { path: { track_id: offers.exclusiveOnly }, body: {} });
    const second = await t.as.listener.call('initiateTrackPurchase', { path: { track_id: offers.exclusiveOnly }, body: {} });
    expectStatus(first, 200);
    expectStatus(second, 200);
    expect(second.body.purchase_id).toBe(first.body.purchase_id);
    expect(second.body.client_secret).toBe(first.body.client_secret);
    const open = await t.server.rows(sql`select id from purchases where track_id = ${offers.exclusiveOnly} and status = 'pending'`);
    expect(open).toHaveLength(1);
  });
});

describe('cards that fail', () => {
  it('declines with 402, ends the purchase failed with the card message and issues no license', async () => {
    const { initiated, confirmed } = await pay(t.as.developer, offers.nonExclusiveOnly, CARDS.declined);
    expectStatus(confirmed, 402);
    expect(confirmed.body).toMatchObject({
      error_code: 'card_declined',
      decline_code: 'generic_decline',
      payment_intent: { status: 'requires_payment_method' },
    });
    const status = await settledStatus(t.as.developer, offers.nonExclusiveOnly);
    expect(status).toMatchObject({ purchase_status: 'failed', failure_message: 'Your card was declined.', has_purchased: false, can_purchase: true });
    expect(await t.server.rows(sql`select id from licenses where purchase_id = ${initiated.purchase_id}`)).toEqual([]);
  });

  it('declines for insufficient funds, and the same checkout then succeeds with another card', async () => {
    const { initiated, confirmed } = await pay(t.as.developer, offers.nonExclusiveOnly, CARDS.insufficientFunds);
    expectStatus(confirmed, 402);
    expect(confirmed.body.decline_code).toBe('insufficient_funds');
    expect(await settledStatus(t.as.developer, offers.nonExclusiveOnly)).toMatchObject({
      purchase_status: 'failed',
      failure_message: 'Your card has insufficient funds.',
    });

    const retried = await t.as.developer.call('confirmSandboxPaymentIntent', {
      path: { payment_intent_id: initiated.payment_intent_id },
      body: { card_number: CARDS.succeeds },
    });
    expectStatus(retried, 200);
    expect(await settledStatus(t.as.developer, offers.nonExclusiveOnly)).toMatchObject({ purchase_status: 'succeeded', has_purchased: true });
  });

  it('refuses an expired card and a number that is no test card with 422 on card_number', async () => {
    const checkout = await t.as.listener.call('initiateTrackPurchase', { path: { track_id: offers.nonExclusiveOnly }, body: {} });
    expectStatus(checkout, 200);
    const intent = { payment_intent_id: checkout.body.payment_intent_id };
    const expired = await t.as.listener.call('confirmSandboxPaymentIntent', { path: intent, body: { card_number: CARDS.expired } });
    expectStatus(expired, 422);
    expect(expired.body.errors).toEqual({ card_number: ['Your card has expired.'] });
    const notATestCard = await t.as.listener.call('confirmSandboxPaymentIntent', { path: intent, body: { card_number: '4111 1111 1111 1111' } });
    expectStatus(notATestCard, 422);
    expect(Object.keys(notATestCard.body.errors)).toEqual(['card_number']);
  });
});

describe('refunds', () => {
  it('refunds in the sandbox: the purchase ends refunded, its license revoked, and a second refund changes nothing', async () => {
    const { initiated } = await pay(t.as.listener, offers.exclusiveOnly, CARDS.succeeds);
    expect(await settledStatus(t.as.listener, offers.exclusiveOnly)).toMatchObject({ purchase_status: 'succeeded' });

    const refunded = await t.as.producer.call('refundSandboxPaymentIntent', { path: { payment_intent_id: initiated.payment_intent_id } });
    expectStatus(refunded, 200);
    expect(refunded.body).toMatchObject({ status: 'succeeded', amount_refunded: 49999 });
    await t.server.commerce.local!.deliveriesSettled();
    const status = await settledStatus(t.as.listener, offers.exclusiveOnly);
    expect(status).toMatchObject({ purchase_status: 'refunded', has_purchased: false, can_purchase: true });
    const [license] = await t.server.rows<{ status: string }>(sql`select status from licenses where purchase_id = ${initiated.purchase_id}`);
    expect(license!.status).toBe('revoked');
    const [track] = await t.server.rows<{ exclusive_status: string }>(sql`select exclusive_status from tracks where id = ${offers.exclusiveOnly}`);
    expect(track!.exclusive_status).toBe('available');

    const again = await t.as.listener.call('refundSandboxPaymentIntent', { path: { payment_intent_id: initiated.payment_intent_id } });
    expectStatus(again, 200);
    await t.server.commerce.local!.deliveriesSettled();
    const [purchase] = await t.server.rows<{ refunded_minor: number }>(sql`select refunded_minor from purchases where id = ${initiated.purchase_id}`);
    expect(purchase!.refunded_minor).toBe(49999);
  });

  it('refuses to refund an unpaid intent (409) and hides intents of other people (404)', async () => {
    const checkout = await t.as.developer.call('initiateTrackPurchase', { path: { track_id: offers.exclusiveOnly }, body: {} });
    expectStatus(checkout, 200);
    const unpaid = await t.as.developer.call('refundSandboxPaymentIntent', { path: { payment_intent_id: checkout.body.payment_intent_id } });
    expectStatus(unpaid, 409);
    const stranger = await t.as.listener.call('confirmSandboxPaymentIntent', {
      path: { payment_intent_id: checkout.body.payment_intent_id },
      body: { card_number: CARDS.succeeds },
    });
    expectStatus(stranger, 404);
    const strangerRefund = await t.as.listener.call('refundSandboxPaymentIntent', { path: { payment_intent_id: checkout.body.payment_intent_id } });
    expectStatus(strangerRefund, 404);
  });
});
