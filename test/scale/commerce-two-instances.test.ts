// Two buyers racing for one exclusive, each on another instance of the app (one PostgreSQL
// database): both pay, the webhooks arrive at both instances at once, exactly one license is
// issued and the other payment is refunded; the track ends sold to the one licensee. And one
// event delivered to both instances at once takes effect once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD, DEMO_PRODUCER_EMAIL, seedDemoData } from '../../server/seed/seed.js';
import { stripeEvent } from '../../server/payments/events.js';
import { signPayload } from '../../server/payments/webhook-signature.js';
import { Agent, expectStatus } from '../support/http.js';
import { createScratchDatabase } from '../support/postgres.js';
import { startInstance, type Instance } from './support/instance.js';
import { servicesAvailable } from './support/services.js';

const available = await servicesAvailable();

describe.runIf(available)('commerce on two instances of one database', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let a: Instance;
  let b: Instance;
  const rows = async <T>(query: ReturnType<typeof sql>) => ((await a.database.db.execute(query)) as unknown as { rows: T[] }).rows;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    a = await startInstance({ databaseUrl: scratch.url, database: { prepare: (db) => seedDemoData(db, { tracks: 5 }).then(() => {}) } });
    b = await startInstance({ databaseUrl: scratch.url });
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await scratch?.drop();
  });

  async function signedIn(instance: Instance, email: string): Promise<Agent> {
    const agent = new Agent(instance.baseUrl);
    expect((await agent.login(email, DEMO_PASSWORD)).status).toBe(200);
    return agent;
  }

  it('issues one license; the other buyer is refunded in full', async () => {
    const [track] = await rows<{ id: number }>(sql`
      select t.id from tracks t join track_artists ta on ta.track_id = t.id and ta.position = 0
      join artists ar on ar.id = ta.artist_id join users u on u.id = ar.user_id
      where u.email = ${DEMO_PRODUCER_EMAIL} and t.exclusive_status = 'available' order by t.id limit 1`);
    const trackId = track!.id;
    const buyers = [await signedIn(a, 'listener@beatpass.test'), await signedIn(b, 'developer@beatpass.test')];

    const checkouts = await Promise.all(
      buyers.map((buyer) => buyer.call('initiateTrackPurchase', { path: { track_id: trackId }, body: { license_type: 'exclusive' } })),
    );
    for (const checkout of checkouts) expectStatus(checkout, 200);
    const confirmed = await Promise.all(
      buyers.map((buyer, i) =>
        buyer.call('confirmSandboxPaymentIntent', {
          path: { payment_intent_id: (checkouts[i]!.body as { payment_intent_id: string }).payment_intent_id },
          body: { card_number: '4242424242424242' },
        }),
      ),
    );
    expect(confirmed.map((reply) => reply.status)).toEqual([200, 200]);
    // Each instance's local provider delivers to its own webhook, so the two events race; the
    // loser's refund (and its charge.refunded) is delivered before the deliveries settle.
    await Promise.all([a.commerce.local!.deliveriesSettled(), b.commerce.local!.deliveriesSettled()]);

    const purchases = await rows<{ buyer_id: number; status: string; refunded_minor: number; total_minor: number }>(
      sql`select buyer_id, status, refunded_minor, total_minor from purchases where track_id = ${trackId} order by status`,
    );
    expect(purchases.map((p) => p.status)).toEqual(['refunded', 'succeeded']);
    expect(purchases[0]!.refunded_minor).toBe(purchases[0]!.total_minor);
    const licenses = await rows<{ user_id: number; license_type: string; status: string }>(
      sql`select user_id, license_type, status from licenses where track_id = ${trackId}`,
    );
    expect(licenses).toEqual([{ user_id: purchases[1]!.buyer_id, license_type: 'exclusive', status: 'active' }]);
    const [state] = await rows<{ exclusive_status: string }>(sql`select exclusive_status from tracks where id = ${trackId}`);
    expect(state!.exclusive_status).toBe('sold');
    const intents = await rows<{ amount_refunded: number; amount: number }>(
      sql`select amount, amount_refunded from local_payment_intents where amount_refunded > 0`,
    );
    expect(intents).toEqual([{ amount: purchases[0]!.total_minor, amount_refunded: purchases[0]!.total_minor }]);
  });

  it('applies one event delivered to both instances at the same moment once', async () => {
    const [account] = await rows<{ account_id: string; artist_id: number }>(sql`select account_id, artist_id from payout_accounts limit 1`);
    const event = stripeEvent(
      'payout.created',
      { id: 'po_1TwoInstances00000000', object: 'payout', amount: 5000, currency: 'usd', status: 'pending' },
      account!.account_id,
    );
    const payload = JSON.stringify(event);
    const replies = await Promise.all(
      [a, b, a, b].map((instance) =>
        new Agent(instance.baseUrl).request('POST', '/api/stripe/webhook', {
          body: payload,
          headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(payload, a.commerce.webhookSecret) },
        }),
      ),
    );
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200]);
    expect(await rows(sql`select event_id from processed_webhook_events where event_id = ${event.id}`)).toHaveLength(1);
    expect(await rows(sql`select artist_id, amount_minor from payouts where id = 'po_1TwoInstances00000000'`)).toEqual([
      { artist_id: account!.artist_id, amount_minor: 5000 },
    ]);
  });
});
