import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { demoEmail, useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';

// In the sandbox, payout onboarding is turned off together with track purchases.
const t = useTestServer({ signIn: ['producer', 'listener'], commerce: { purchasesEnabled: false } });

describe('payout onboarding while disabled', () => {
  it('refuses with 403 {error, message} and creates no account', async () => {
    const artistId = await t.server.artistIdOf(demoEmail('producer'));
    await t.server.rows(sql`delete from payout_accounts where artist_id = ${artistId}`);
    const reply = await t.as.producer.call('startStripeConnectOnboarding', { body: { country: 'CA' } });
    expectStatus(reply, 403);
    expect(reply.body).toEqual({ error: 'onboarding_disabled', message: 'Stripe Connect onboarding is currently disabled.' });
    expect(await t.server.rows(sql`select 1 from payout_accounts where artist_id = ${artistId}`)).toEqual([]);
  });

  it('still answers 404 first to a caller without an artist profile, and still shows the status', async () => {
    const reply = await t.as.listener.call('startStripeConnectOnboarding', { body: { country: 'CA' } });
    expectStatus(reply, 404);
    expect(reply.body.error).toBe('no_artist_profile');
    const status = await t.as.producer.call('getStripeConnectStatus');
    expectStatus(status, 200);
    expect(status.body.connected).toBe(false);
  });
});
