// Shared steps of the commerce tests: the demo producer's offers, a checkout through the
// payment sandbox, and waiting for the webhook to settle a purchase.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { DEMO_PASSWORD, DEMO_PRODUCER_EMAIL } from '../../../server/seed/seed.js';
import { expectStatus, type Agent } from '../../support/http.js';
import type { TestServer } from '../../support/server.js';

export const CARDS = {
  succeeds: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  expired: '4000000000000069',
} as const;

/** The demo producer's tracks as the seed offers them (server/seed/commerce.ts). */
export interface DemoOffers {
  /** Non-exclusive at 29.99 and exclusive at 249.99. */
  both: number;
  exclusiveOnly: number;
  nonExclusiveOnly: number;
  /** Sold exclusively to the listener by the seed. */
  soldToListener: number;
  /** Bought non-exclusively by the listener in the seed. */
  boughtByListener: number;
}

export async function demoOffers(server: TestServer): Promise<DemoOffers> {
  const artistId = await server.artistIdOf(DEMO_PRODUCER_EMAIL);
  const rows = await server.rows<{ id: number }>(
    sql`select t.id from tracks t join track_artists ta on ta.track_id = t.id and ta.position = 0 where ta.artist_id = ${artistId} order by t.created_at desc, t.id desc limit 5`,
  );
  const [both, exclusiveOnly, nonExclusiveOnly, soldToListener, boughtByListener] = rows.map((r) => r.id) as [number, number, number, number, number];
  return { both, exclusiveOnly, nonExclusiveOnly, soldToListener, boughtByListener };
}

type LicenseType = 'exclusive' | 'non_exclusive';

/** Initiates a purchase and confirms it with `card` in the sandbox; answers the confirm reply and the initiate body. */
export async function pay(agent: Agent, trackId: number, card: string, licenseType?: LicenseType) {
  const initiated = await agent.call('initiateTrackPurchase', { path: { track_id: trackId }, body: licenseType ? { license_type: licenseType } : {} });
  expectStatus(initiated, 200);
  const confirmed = await agent.call('confirmSandboxPaymentIntent', {
    path: { payment_intent_id: initiated.body.payment_intent_id },
    body: { card_number: card },
  });
  return { initiated: initiated.body, confirmed };
}

/** Polls the purchase status until the latest purchase has left `pending` (the webhook arrived). */
export async function settledStatus(agent: Agent, trackId: number, licenseType?: LicenseType) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const reply = await agent.call('getTrackPurchaseStatus', { path: { track_id: trackId }, query: licenseType ? { license_type: licenseType } : {} });
    expectStatus(reply, 200);
    if (reply.body.purchase_status !== 'pending') return reply.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect.fail(`the purchase of track ${trackId} stayed pending: no webhook arrived`);
}

/** A new account, signed in through the web sign-in: a buyer with no purchases yet. */
export async function newBuyer(server: TestServer): Promise<Agent> {
  const email = `buyer-${randomUUID().slice(0, 8)}@beatpass.test`;
  const registered = await server.agent().call('register', { body: { email, password: DEMO_PASSWORD, password_confirmation: DEMO_PASSWORD } });
  expect(registered.status, JSON.stringify(registered.body)).toBeLessThan(300);
  return server.signIn(email);
}
