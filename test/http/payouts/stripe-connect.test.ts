import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';

const t = useTestServer({ signIn: ['listener', 'producer'] });

let artistId: number;

beforeAll(async () => {
  artistId = await t.server.artistIdOf(demoEmail('producer'));
  // The demo producer may be set up for payouts already: these tests start before onboarding.
  await t.server.rows(sql`delete from payout_accounts where artist_id = ${artistId}`);
});

const noArtistProfile = { error: 'no_artist_profile', message: 'You need an artist profile to set up payouts.' };

describe('Stripe Connect onboarding', () => {
  it('reports no account before onboarding', async () => {
    const reply = await t.as.producer.call('getStripeConnectStatus');
    expectStatus(reply, 200);
    expect(reply.body).toEqual({
      status: 'success',
      provider: 'local',
      legacy: true,
      connected: false,
      country: null,
      details_submitted: false,
      charges_enabled: false,
      payouts_enabled: false,
      onboarding_complete: false,
      requirements_due: [],
    });
  });

  it('refuses a country that is not two letters or not offered, creating nothing', async () => {
    const cases = [
      ['BR', 'Payouts are not available in the selected country.'],
      ['1a', 'The country field must be a two-letter country code.'],
    ] as const;
    for (const [country, message] of cases) {
      const reply = await t.as.producer.call('startStripeConnectOnboarding', { body: { country } });
      expectStatus(reply, 422);
      expect(reply.body, country).toEqual({ message, errors: { country: [message] } });
    }
    for (const body of [{ country: 'CAN' }, {}]) {
      expect((await t.as.producer.callUnchecked('startStripeConnectOnboarding', { body })).status).toBe(422);
    }
    expect(await t.server.rows(sql`select 1 from payout_accounts where artist_id = ${artistId}`)).toEqual([]);
  });

  it('creates the account, upper-cases the country and answers with a link; the local provider completes onboarding', async () => {
    const reply = await t.as.producer.call('startStripeConnectOnboarding', { body: { country: 'ca' } });
    expectStatus(reply, 200);
    expect(reply.body.url.startsWith(`${t.server.baseUrl}/`)).toBe(true);
    expect(Date.parse(reply.body.expires_at)).toBeGreaterThan(Date.now());
    const [row] = await t.server.rows<{ account_id: string; country: string; payouts_enabled: boolean }>(
      sql`select account_id, country, payouts_enabled from payout_accounts where artist_id = ${artistId}`,
    );
    expect(row).toMatchObject({ country: 'CA', payouts_enabled: true });
    expect(row!.account_id).toMatch(/^acct_/);

    const status = await t.as.producer.call('getStripeConnectStatus');
    expectStatus(status, 200);
    expect(status.body).toMatchObject({
      connected: true,
      country: 'CA',
      details_submitted: true,
      payouts_enabled: true,
      onboarding_complete: true,
      requirements_due: [],
    });
    expect(JSON.stringify(status.body)).not.toContain(row!.account_id);

    // Asking again reuses the account; another country cannot be given to it.
    expectStatus(await t.as.producer.call('startStripeConnectOnboarding', { body: { country: 'CA' } }), 200);
    const accounts = await t.server.rows<{ account_id: string }>(sql`select account_id from payout_accounts where artist_id = ${artistId}`);
    expect(accounts).toEqual([{ account_id: row!.account_id }]);
    const moved = await t.as.producer.call('startStripeConnectOnboarding', { body: { country: 'US' } });
    expectStatus(moved, 422);
    expect(moved.body.errors).toEqual({ country: ['Your payout account was created for CA; its country cannot be changed.'] });
  });

  it('reads what the provider reports now', async () => {
    await t.server.rows(
      sql`update payout_accounts set payouts_enabled = false, requirements_due = '["external_account"]'::jsonb where artist_id = ${artistId}`,
    );
    const reply = await t.as.producer.call('getStripeConnectStatus');
    expectStatus(reply, 200);
    expect(reply.body).toMatchObject({ connected: true, payouts_enabled: false, onboarding_complete: false, requirements_due: ['external_account'] });
    await t.server.rows(sql`update payout_accounts set payouts_enabled = true, requirements_due = '[]'::jsonb where artist_id = ${artistId}`);
  });

  it('answers 404 with {error, message} to a caller without an artist profile', async () => {
    const replies = [
      await t.as.listener.call('getStripeConnectStatus'),
      await t.as.listener.call('startStripeConnectOnboarding', { body: { country: 'CA' } }),
      await t.as.listener.call('getStripeConnectFinances'),
    ];
    for (const reply of replies) {
      expectStatus(reply, 404);
      expect(reply.body).toEqual(noArtistProfile);
    }
  });

  it('needs a signed-in caller and refuses undocumented parameters', async () => {
    expect((await t.as.anonymous.call('getStripeConnectStatus')).status).toBe(401);
    expect((await t.as.anonymous.call('startStripeConnectOnboarding', { body: { country: 'CA' } })).status).toBe(401);
    expect((await t.as.anonymous.call('getStripeConnectFinances')).status).toBe(401);
    expect((await t.as.producer.callUnchecked('getStripeConnectStatus', { query: { refresh: 1 } })).status).toBe(422);
    expect((await t.as.producer.callUnchecked('getStripeConnectFinances', { query: { page: 1 } })).status).toBe(422);
  });
});
