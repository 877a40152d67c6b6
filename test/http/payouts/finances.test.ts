import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, useTestServer } from '../../support/fixture.js';
import { expectStatus, type CallInput } from '../../support/http.js';

// The developer manages an artist of this file's own, so its sales are exactly the ones below.
const t = useTestServer({ signIn: ['developer', 'listener', 'producer'] });

let artistId: number;
const sales: Record<'a' | 'b' | 'c' | 'd', number> = { a: 0, b: 0, c: 0, d: 0 };
const DAY = 86_400_000;

async function userId(email: string): Promise<number> {
  return (await t.server.rows<{ id: number }>(sql`select id from users where email = ${email}`))[0]!.id;
}

beforeAll(async () => {
  const developer = await userId(demoEmail('developer'));
  const [existing] = await t.server.rows<{ id: number }>(sql`select id from artists where user_id = ${developer}`);
  artistId =
    existing?.id ??
    (await t.server.rows<{ id: number }>(sql`insert into artists (name, user_id) values ('Finance Fixture', ${developer}) returning id`))[0]!.id;
  const buyer = await userId(demoEmail('listener'));
  const free = await t.server.rows<{ id: number }>(sql`select id from tracks where id not in (select track_id from purchases) order by id limit 6`);
  const insert = async (track: number, status: string, daysAgo: number, total: number, fee: number, refunded = 0, licenseType = 'non_exclusive') => {
    const at = new Date(Date.now() - daysAgo * DAY);
    const [row] = await t.server.rows<{ id: number }>(sql`
      insert into purchases (buyer_id, track_id, artist_id, license_type, status, currency, track_price_minor, platform_fee_minor,
        platform_fee_rate_bps, platform_fee_flat_minor, total_minor, artist_amount_minor, refunded_minor, payment_intent_id,
        succeeded_at, created_at, refunded_at)
      values (${buyer}, ${track}, ${artistId}, ${licenseType}, ${status}, 'USD', ${total}, ${fee}, 1200, 300, ${total}, ${total - fee},
        ${refunded}, ${`pi_finance${track}x${status}`}, ${status === 'succeeded' || status === 'refunded' ? at : null}, ${at},
        ${status === 'refunded' ? at : null})
      returning id`);
    return row!.id;
  };
  sales.a = await insert(free[0]!.id, 'succeeded', 30, 3000, 660, 0, 'exclusive');
  sales.b = await insert(free[1]!.id, 'succeeded', 20, 5000, 900);
  sales.c = await insert(free[2]!.id, 'succeeded', 2, 2000, 540);
  sales.d = await insert(free[3]!.id, 'refunded', 10, 1500, 500, 1500);
  // Not earnings: never listed.
  await insert(free[4]!.id, 'pending', 1, 2000, 540);
  await insert(free[5]!.id, 'failed', 1, 2000, 540);
});

type TransactionQuery = NonNullable<CallInput<'listArtistFinanceTransactions'>['query']>;

const transactions = (query: TransactionQuery = {}) => t.as.developer.call('listArtistFinanceTransactions', { path: { artist_id: artistId }, query });

async function statuses(query: TransactionQuery = {}) {
  const reply = await transactions(query);
  expectStatus(reply, 200);
  return Object.fromEntries(reply.body.transactions.map((tx) => [tx.id, tx.status]));
}

describe('finance transactions', () => {
  it('lists sales newest first with amounts in minor units and no buyer, bank or provider identifiers', async () => {
    const reply = await transactions();
    expectStatus(reply, 200);
    expect(reply.body.transactions.map((tx) => tx.id)).toEqual([`sale_${sales.c}`, `sale_${sales.d}`, `sale_${sales.b}`, `sale_${sales.a}`]);
    const a = reply.body.transactions.at(-1)!;
    expect(a).toMatchObject({
      type: 'sales',
      licenseType: 'exclusive',
      amountMinor: 2340,
      grossAmountMinor: 3000,
      platformFeeMinor: 660,
      refundedMinor: 0,
      minorUnitFactor: 100,
      currency: 'USD',
    });
    expect(a.description).toBe(`Exclusive license: ${a.track!.name}`);
    expect(Date.parse(a.availableAt!) - Date.parse(a.occurredAt)).toBe(7 * DAY);
    const refunded = reply.body.transactions[1]!;
    expect(refunded).toMatchObject({ status: 'refunded', amountMinor: 0, refundedMinor: 1500, availableAt: null });
    expect(reply.body.filters).toEqual({ status: 'all', type: 'all' });
    expect(reply.body.pagination).toEqual({ page: 1, perPage: 20, total: 4, from: 1, to: 4, hasPrevious: false, hasMore: false });
    const text = JSON.stringify(reply.body);
    for (const identifier of ['@', 'pi_', 'acct_', 'po_']) expect(text).not.toContain(identifier);
  });

  it('maps purchases to finance statuses, as payouts and the payout account change', async () => {
    // No payout account: settled sales cannot be paid and need the artist's attention.
    expect(await statuses()).toEqual({
      [`sale_${sales.a}`]: 'needs_attention',
      [`sale_${sales.b}`]: 'needs_attention',
      [`sale_${sales.c}`]: 'waiting',
      [`sale_${sales.d}`]: 'refunded',
    });
    await t.server.rows(sql`
      insert into payout_accounts (artist_id, account_id, country, details_submitted, charges_enabled, payouts_enabled)
      values (${artistId}, 'acct_1FinanceFixture0', 'CA', true, true, true)`);
    expect(await statuses()).toMatchObject({ [`sale_${sales.a}`]: 'waiting', [`sale_${sales.b}`]: 'waiting' });
    // Payouts cover the oldest settled sales first: a paid one the first, one on its way the next.
    await t.server.rows(sql`
      insert into payouts (id, artist_id, amount_minor, currency, status, created_at) values
        ('po_finance_paid', ${artistId}, 2340, 'usd', 'paid', now() - interval '5 days'),
        ('po_finance_sending', ${artistId}, 4100, 'usd', 'pending', now() - interval '1 day'),
        ('po_finance_failed', ${artistId}, 9999, 'usd', 'failed', now() - interval '3 days')`);
    expect(await statuses()).toEqual({
      [`sale_${sales.a}`]: 'completed',
      [`sale_${sales.b}`]: 'sending',
      [`sale_${sales.c}`]: 'waiting',
      [`sale_${sales.d}`]: 'refunded',
    });
  });

  it('filters by status and type, and reads the legacy filter only without them', async () => {
    expect(Object.keys(await statuses({ status: 'waiting' }))).toEqual([`sale_${sales.c}`]);
    expect(Object.keys(await statuses({ status: 'completed', type: 'sales' }))).toEqual([`sale_${sales.a}`]);
    expect(await statuses({ type: 'subscriptions' })).toEqual({});
    expect(Object.keys(await statuses({ filter: 'completed' }))).toEqual([`sale_${sales.a}`]);
    expect(Object.keys(await statuses({ filter: 'sales' }))).toHaveLength(4);
    // `status` given: the legacy filter is ignored.
    expect(Object.keys(await statuses({ status: 'refunded', filter: 'completed' }))).toEqual([`sale_${sales.d}`]);
    const filtered = await transactions({ type: 'sales', filter: 'subscriptions' });
    expectStatus(filtered, 200);
    expect(filtered.body.filters).toEqual({ status: 'all', type: 'sales' });
    expect(filtered.body.pagination.total).toBe(4);
  });

  it('pages with page and per_page', async () => {
    const first = await transactions({ per_page: 3 });
    expectStatus(first, 200);
    expect(first.body.transactions).toHaveLength(3);
    expect(first.body.pagination).toEqual({ page: 1, perPage: 3, total: 4, from: 1, to: 3, hasPrevious: false, hasMore: true });
    const second = await transactions({ per_page: 3, page: 2 });
    expectStatus(second, 200);
    expect(second.body.transactions.map((tx) => tx.id)).toEqual([`sale_${sales.a}`]);
    expect(second.body.pagination).toEqual({ page: 2, perPage: 3, total: 4, from: 4, to: 4, hasPrevious: true, hasMore: false });
    const past = await transactions({ per_page: 3, page: 5 });
    expectStatus(past, 200);
    expect(past.body.pagination).toEqual({ page: 5, perPage: 3, total: 4, from: null, to: null, hasPrevious: true, hasMore: false });
  });

  it('refuses invalid parameters with 422', async () => {
    for (const query of [{ per_page: 21 }, { per_page: 0 }, { status: 'paid' }, { type: 'tips' }, { filter: 'refunded' }, { page: 0 }]) {
      const reply = await t.as.developer.callUnchecked('listArtistFinanceTransactions', { path: { artist_id: artistId }, query });
      expect(reply.status, JSON.stringify(query)).toBe(422);
    }
    for (const operationId of ['getArtistFinanceSummary', 'getArtistProviderBalance'] as const) {
      expect((await t.as.developer.callUnchecked(operationId, { path: { artist_id: artistId }, query: { page: 1 } })).status).toBe(422);
    }
  });
});

describe('finance summary and provider balance', () => {
  it('sums earnings per currency and status and describes the payout setup', async () => {
    const reply = await t.as.developer.call('getArtistFinanceSummary', { path: { artist_id: artistId } });
    expectStatus(reply, 200);
    expect(reply.body).toEqual({
      artistId,
      setup: {
        status: 'complete',
        providers: {
          beatpay: { status: 'unavailable' },
          legacyStripe: { status: 'active', country: 'CA', detailsSubmitted: true, payoutsEnabled: true, requirementsDue: [] },
        },
        canResumeStripe: false,
      },
      earnings: [
        {
          currency: 'USD',
          minorUnitFactor: 100,
          lifetimeMinor: 2340 + 4100 + 1460,
          waitingMinor: 1460,
          sendingMinor: 4100,
          completedMinor: 2340,
          needsAttentionMinor: 0,
          refundedMinor: 1000,
        },
      ],
      needsAttentionCount: 0,
      calculatedAt: expect.any(String),
    });
  });

  it('counts what needs attention while the artist cannot be paid', async () => {
    await t.server.rows(
      sql`update payout_accounts set payouts_enabled = false, requirements_due = '["external_account"]'::jsonb where artist_id = ${artistId}`,
    );
    await t.server.rows(sql`delete from payouts where id = 'po_finance_sending'`);
    const reply = await t.as.developer.call('getArtistFinanceSummary', { path: { artist_id: artistId } });
    expectStatus(reply, 200);
    expect(reply.body.setup.status).toBe('in_progress');
    expect(reply.body.setup.providers.legacyStripe).toMatchObject({ status: 'restricted', requirementsDue: ['external_account'] });
    expect(reply.body.needsAttentionCount).toBe(1);
    expect(reply.body.earnings[0]).toMatchObject({ needsAttentionMinor: 4100, sendingMinor: 0 });
    await t.server.rows(sql`update payout_accounts set payouts_enabled = true, requirements_due = '[]'::jsonb where artist_id = ${artistId}`);
  });

  it('gives the provider balance in minor units: pending the last 7 days, available what is older and not paid out', async () => {
    const reply = await t.as.developer.call('getArtistProviderBalance', { path: { artist_id: artistId } });
    expectStatus(reply, 200);
    expect(reply.body).toEqual({
      provider: 'local',
      legacy: true,
      connected: true,
      available: [{ amountMinor: 4100, minorUnitFactor: 100, currency: 'USD' }],
      pending: [{ amountMinor: 1460, minorUnitFactor: 100, currency: 'USD' }],
      retrievedAt: expect.any(String),
    });
  });

  it('shows the older finances route in major units, without identifiers', async () => {
    const reply = await t.as.developer.call('getStripeConnectFinances');
    expectStatus(reply, 200);
    expect(reply.body).toMatchObject({
      status: 'success',
      connected: true,
      payouts_enabled: true,
      balance: { available: [{ amount: 41, currency: 'USD' }], pending: [{ amount: 14.6, currency: 'USD' }] },
    });
    expect(reply.body.transactions.map((m) => [m.type, m.status, m.amount])).toEqual([
      ['sale', 'succeeded', 14.6],
      ['payout', 'failed', 99.99],
      ['payout', 'paid', 23.4],
      ['sale', 'refunded', 0],
      ['sale', 'succeeded', 41],
      ['sale', 'succeeded', 23.4],
    ]);
    const text = JSON.stringify(reply.body);
    for (const identifier of ['@', 'pi_', 'acct_', 'po_']) expect(text).not.toContain(identifier);
  });
});

describe("who may read an artist's finances", () => {
  it('refuses another user with 403, an unknown artist with 404 and anonymous callers with 401', async () => {
    const producerArtist = await t.server.artistIdOf(demoEmail('producer'));
    const reads = ['getArtistFinanceSummary', 'listArtistFinanceTransactions', 'getArtistProviderBalance'] as const;
    for (const operationId of reads) {
      for (const [agent, id] of [
        [t.as.listener, artistId],
        [t.as.producer, artistId],
        [t.as.developer, producerArtist],
      ] as const) {
        const reply = await agent.call(operationId, { path: { artist_id: id } });
        expectStatus(reply, 403);
        expect(reply.body, operationId).toEqual({ message: 'You do not manage this artist.' });
      }
      const unknown = await t.as.developer.call(operationId, { path: { artist_id: 2_000_000_000 } });
      expectStatus(unknown, 404);
      expect(unknown.body).toEqual({ message: 'Artist not found.' });
      expect((await t.as.anonymous.call(operationId, { path: { artist_id: artistId } })).status).toBe(401);
    }
  });

  it('gives an artist without a payout account empty balances', async () => {
    await t.server.rows(sql`delete from payout_accounts where artist_id = ${artistId}`);
    const balance = await t.as.developer.call('getArtistProviderBalance', { path: { artist_id: artistId } });
    expectStatus(balance, 200);
    expect(balance.body).toMatchObject({ connected: false, available: [], pending: [] });
    const summary = await t.as.developer.call('getArtistFinanceSummary', { path: { artist_id: artistId } });
    expectStatus(summary, 200);
    expect(summary.body.setup).toEqual({ status: 'not_started', providers: { beatpay: { status: 'unavailable' } }, canResumeStripe: false });
    const older = await t.as.developer.call('getStripeConnectFinances');
    expectStatus(older, 200);
    expect(older.body).toMatchObject({ connected: false, payouts_enabled: false, balance: { available: [], pending: [] } });
  });
});
