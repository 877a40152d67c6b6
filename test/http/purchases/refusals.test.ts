// Every documented refusal of the purchase routes, and who sees which purchases and sales.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PaymentProvider } from '../../../server/payments/provider.js';
import { PaymentProviderError } from '../../../server/payments/provider.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';
import { type DemoOffers, demoOffers } from './support.js';

const t = useTestServer({ signIn: ['listener', 'developer', 'producer'] });
let offers: DemoOffers;
beforeAll(async () => {
  offers = await demoOffers(t.server);
});

const calculate = (agent = t.as.developer, trackId: number, licenseType?: 'exclusive' | 'non_exclusive') =>
  agent.call('calculateTrackPurchasePrice', { path: { track_id: trackId }, body: licenseType ? { license_type: licenseType } : {} });

describe('refusals', () => {
  it('answers 401 to anonymous callers on every purchase route', async () => {
    const anonymous = t.as.anonymous;
    const replies = [
      await calculate(anonymous, offers.both),
      await anonymous.call('initiateTrackPurchase', { path: { track_id: offers.both }, body: {} }),
      await anonymous.call('getTrackPurchaseStatus', { path: { track_id: offers.both } }),
      await anonymous.call('listPurchases'),
      await anonymous.call('getArtistSales'),
      await anonymous.call('confirmSandboxPaymentIntent', { path: { payment_intent_id: 'pi_123' }, body: { card_number: '4242424242424242' } }),
    ];
    expect(replies.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401]);
  });

  it('answers 404 for a track that does not exist', async () => {
    const missing = 2_000_000_000;
    expect((await calculate(t.as.developer, missing)).status).toBe(404);
    expect((await t.as.developer.call('initiateTrackPurchase', { path: { track_id: missing }, body: {} })).status).toBe(404);
    expect((await t.as.developer.call('getTrackPurchaseStatus', { path: { track_id: missing } })).status).toBe(404);
  });

  it('refuses the buyer their own track (422 own_track)', async () => {
    const reply = await calculate(t.as.producer, offers.both);
    expectStatus(reply, 422);
    expect(reply.body).toEqual({ message: 'You cannot purchase your own track.', reason_code: 'own_track' });
  });

  it('refuses a license the buyer already holds (422 already_purchased), also in the status', async () => {
    const reply = await t.as.listener.call('initiateTrackPurchase', { path: { track_id: offers.boughtByListener }, body: {} });
    expectStatus(reply, 422);
    expect(reply.body).toMatchObject({ reason_code: 'already_purchased' });
    const status = await t.as.listener.call('getTrackPurchaseStatus', { path: { track_id: offers.boughtByListener } });
    expectStatus(status, 200);
    expect(status.body).toMatchObject({ has_purchased: true, can_purchase: false, purchase_status: 'succeeded', reason_code: 'already_purchased' });
  });

  it('refuses a track whose exclusive was sold (410 exclusive_sold), for either license', async () => {
    for (const licenseType of ['exclusive', 'non_exclusive'] as const) {
      const reply = await calculate(t.as.developer, offers.soldToListener, licenseType);
      expectStatus(reply, 410);
      expect(reply.body.reason_code).toBe('exclusive_sold');
    }
  });

  it('refuses a license the track does not offer (422 not_for_sale)', async () => {
    const exclusive = await calculate(t.as.developer, offers.nonExclusiveOnly, 'exclusive');
    expectStatus(exclusive, 422);
    expect(exclusive.body).toMatchObject({ reason_code: 'not_for_sale' });
    const nonExclusive = await calculate(t.as.developer, offers.exclusiveOnly, 'non_exclusive');
    expectStatus(nonExclusive, 422);
    expect(nonExclusive.body).toMatchObject({ reason_code: 'not_for_sale' });
  });

  it('refuses a track whose artist has not set up payouts (422 artist_not_payout_ready)', async () => {
    const [track] = await t.server.rows<{ id: number }>(sql`
      select t.id from tracks t join track_artists ta on ta.track_id = t.id and ta.position = 0
      where not exists (select 1 from payout_accounts p where p.artist_id = ta.artist_id)
        and t.price_minor is not null and t.licensing_type <> 'exclusive_only' and t.exclusive_status is distinct from 'sold'
      order by t.id limit 1`);
    const reply = await calculate(t.as.developer, track!.id, 'non_exclusive');
    expectStatus(reply, 422);
    expect(reply.body).toMatchObject({ reason_code: 'artist_not_payout_ready' });
  });

  it('refuses an unknown license type with a field error', async () => {
    const reply = await t.as.developer.callUnchecked('calculateTrackPurchasePrice', { path: { track_id: offers.both }, body: { license_type: 'lease' } });
    expectStatus(reply, 422);
    expect(reply.body).toMatchObject({ errors: { license_type: [expect.any(String)] } });
  });
});

describe('who sees what', () => {
  it('lists only the caller’s own purchases', async () => {
    const listener = await t.as.listener.call('listPurchases');
    expectStatus(listener, 200);
    expect(listener.body.purchases.data.map((p) => p.track_id).sort()).toEqual([offers.boughtByListener, offers.soldToListener].sort());
    const developer = await t.as.developer.call('listPurchases', { query: { per_page: 100 } });
    expectStatus(developer, 200);
    expect(developer.body.purchases.data.some((p) => p.track_id === offers.boughtByListener)).toBe(false);
  });

  it('shows the artist their sales without naming buyers, and refuses accounts without an artist (403)', async () => {
    const sales = await t.as.producer.call('getArtistSales');
    expectStatus(sales, 200);
    expect(sales.body.data.earnings).toMatchObject({ total_sales: 2, currency: 'USD' });
    expect(sales.body.data.earnings.total_revenue).toBeCloseTo(172.99 + 14.59, 2);
    expect(sales.body.data.earnings.total_revenue_formatted).toBe('$187.58');
    expect(JSON.stringify(sales.body)).not.toContain('listener@');
    expect((await t.as.developer.call('getArtistSales')).status).toBe(403);
  });
});

describe('when purchases are off', () => {
  const off = useTestServer({ signIn: ['developer'], commerce: { purchasesEnabled: false } });

  it('refuses price and checkout with 403 purchases_disabled and says so in the status', async () => {
    const offersOff = await demoOffers(off.server);
    const price = await calculate(off.as.developer, offersOff.both);
    expectStatus(price, 403);
    expect(price.body).toEqual({ message: 'Track purchases are not enabled.', reason_code: 'purchases_disabled' });
    const checkout = await off.as.developer.call('initiateTrackPurchase', { path: { track_id: offersOff.both }, body: {} });
    expectStatus(checkout, 403);
    const status = await off.as.developer.call('getTrackPurchaseStatus', { path: { track_id: offersOff.both } });
    expectStatus(status, 200);
    expect(status.body).toMatchObject({ can_purchase: false, reason_code: 'purchases_disabled' });
  });
});

describe('when the payment provider is down', () => {
  const down: PaymentProvider = {
    kind: 'stripe',
    createPaymentIntent: () => Promise.reject(new PaymentProviderError('Stripe is unreachable.', true)),
    retrievePaymentIntent: () => Promise.reject(new PaymentProviderError('Stripe is unreachable.', true)),
    refundPaymentIntent: () => Promise.reject(new PaymentProviderError('Stripe is unreachable.', true)),
    createConnectedAccount: () => Promise.reject(new PaymentProviderError('Stripe is unreachable.', true)),
    createOnboardingLink: () => Promise.reject(new PaymentProviderError('Stripe is unreachable.', true)),
    retrieveAccount: () => Promise.reject(new PaymentProviderError('Stripe is unreachable.', true)),
    retrieveBalance: () => Promise.reject(new PaymentProviderError('Stripe is unreachable.', true)),
  };
  const failing = useTestServer({ signIn: ['developer'], commerce: { provider: down, webhookSecret: 'whsec_test_provider_down' } });

  it('answers 503 with Retry-After and leaves no pending purchase behind', async () => {
    const offersDown = await demoOffers(failing.server);
    const reply = await failing.as.developer.call('initiateTrackPurchase', { path: { track_id: offersDown.nonExclusiveOnly }, body: {} });
    expectStatus(reply, 503);
    expect(reply.headers.get('retry-after')).toBe('5');
    const open = await failing.server.rows(sql`select id from purchases where track_id = ${offersDown.nonExclusiveOnly} and status = 'pending'`);
    expect(open).toEqual([]);
  });
});
