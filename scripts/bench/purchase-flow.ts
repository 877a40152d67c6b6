// The purchase flow as a buyer's app drives it, end to end, against one running server:
// initiate → confirm in the payment sandbox → the signed webhook (delivered by the server's
// local provider over HTTP) → the license issued, seen by polling the purchase status.
// Every artist is made payout-ready and every track a 19.99 non-exclusive, so each flow buys
// a distinct (buyer, track) pair. Reports completed flows per second and flow latency.
import { randomBytes } from 'node:crypto';

export interface FlowResult {
  flows: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** What the scenario does to the seeded database before it starts (every track for sale to every buyer). */
export const FLOW_SETUP_SQL = `
  insert into payout_accounts (artist_id, account_id, country, details_submitted, charges_enabled, payouts_enabled)
    select id, 'acct_bench' || id, 'CA', true, true, true from artists on conflict do nothing;
  update tracks set licensing_type = 'non_exclusive_only', price_minor = 1999, exclusive_status = null,
    exclusive_price_minor = null, exclusive_currency = null, exclusive_contact_email = null;
`;

async function json<T>(reply: Response): Promise<T> {
  const body = await reply.json();
  if (!reply.ok) throw new Error(`${reply.status} ${JSON.stringify(body)}`);
  return body as T;
}

async function newBuyerToken(base: string): Promise<string> {
  const email = `bench-${randomBytes(6).toString('hex')}@beatpass.test`;
  const body = await json<{ boostrapData: { user: { access_token: string } } }>(
    await fetch(`${base}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email, password: 'bench-password', password_confirmation: 'bench-password', token_name: 'bench' }),
    }),
  );
  return body.boostrapData.user.access_token;
}

/** One purchase, from initiate to the license; answers its duration in ms. */
async function buy(base: string, token: string, trackId: number): Promise<number> {
  const started = performance.now();
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json' };
  const checkout = await json<{ payment_intent_id: string }>(
    await fetch(`${base}/api/v1/tracks/${trackId}/purchase/initiate`, { method: 'POST', headers, body: '{}' }),
  );
  await json(
    await fetch(`${base}/api/v1/sandbox/payment-intents/${checkout.payment_intent_id}/confirm`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ card_number: '4242424242424242' }),
    }),
  );
  for (;;) {
    const status = await json<{ purchase_status: string | null }>(await fetch(`${base}/api/v1/tracks/${trackId}/purchase/status`, { headers }));
    if (status.purchase_status === 'succeeded') return performance.now() - started;
    if (status.purchase_status !== 'pending') throw new Error(`purchase ended ${status.purchase_status}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function measurePurchaseFlow(
  port: number,
  trackIds: number[],
  options: { workers: number; buyers: number; seconds: number },
): Promise<FlowResult> {
  const base = `http://127.0.0.1:${port}`;
  const tokens: string[] = [];
  for (let i = 0; i < options.buyers; i++) tokens.push(await newBuyerToken(base));
  // Every (buyer, track) pair once, tracks varying fastest so that concurrent flows rarely share a buyer.
  const pairs = tokens.flatMap((token) => trackIds.map((trackId) => ({ token, trackId })));
  const durations: number[] = [];
  let errors = 0;
  let next = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.workers }, async (_, worker) => {
      while (performance.now() < deadline && next < pairs.length) {
        const pair = pairs[(next++ * options.workers + worker) % pairs.length]!;
        try {
          durations.push(await buy(base, pair.token, pair.trackId));
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  durations.sort((a, b) => a - b);
  const at = (q: number) => Math.round(durations[Math.min(durations.length - 1, Math.floor(q * durations.length))] ?? NaN);
  return { flows: durations.length, seconds, perSecond: Math.round((durations.length / seconds) * 10) / 10, p50Ms: at(0.5), p99Ms: at(0.99), errors };
}
