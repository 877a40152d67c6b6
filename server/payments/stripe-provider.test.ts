import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_STRIPE_RESTRICTED_KEY, FAKE_STRIPE_SECRET_KEY, type FakeStripe, startFakeStripe } from '../../test/support/fake-stripe.js';
import { PaymentProviderError, type NewPaymentIntent } from './provider.js';
import { createStripePaymentProvider } from './stripe-provider.js';

let fake: FakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

const provider = (options: { secretKey?: string; maxNetworkRetries?: number } = {}) =>
  createStripePaymentProvider({ secretKey: FAKE_STRIPE_SECRET_KEY, apiUrl: fake.url, maxNetworkRetries: 0, ...options });

async function onboardedAccount(): Promise<string> {
  const { accountId } = await provider().createConnectedAccount({ country: 'CA', email: 'artist@example.com', artistId: 7 });
  fake.completeOnboarding(accountId);
  return accountId;
}

const intentFor = (destinationAccountId: string, idempotencyKey = `purchase-${Math.random()}`): NewPaymentIntent => ({
  amountMinor: 2999,
  currency: 'CAD',
  destinationAccountId,
  applicationFeeMinor: 660,
  metadata: { purchase_id: '41', track_id: '12', buyer_id: '3' },
  idempotencyKey,
});

async function failure(promise: Promise<unknown>): Promise<PaymentProviderError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(PaymentProviderError);
  return error as PaymentProviderError;
}

describe('the Stripe payment provider against a fake Stripe API', () => {
  it('creates a destination charge with the fee, metadata and idempotency key, form-encoded with the secret key', async () => {
    const account = await onboardedAccount();
    fake.requests.length = 0;
    const intent = await provider().createPaymentIntent(intentFor(account, 'purchase-41'));

    expect(intent.id).toMatch(/^pi_\w+$/);
    expect(intent.clientSecret).toMatch(new RegExp(`^${intent.id}_secret_\\w+$`));
    expect(intent.status).toBe('requires_payment_method');
    const [request] = fake.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/payment_intents',
      authorization: `Bearer ${FAKE_STRIPE_SECRET_KEY}`,
      contentType: 'application/x-www-form-urlencoded',
      idempotencyKey: 'purchase-41',
    });
    expect(request!.params).toEqual({
      amount: '2999',
      currency: 'cad',
      automatic_payment_methods: { enabled: 'true' },
      application_fee_amount: '660',
      transfer_data: { destination: account },
      metadata: { purchase_id: '41', track_id: '12', buyer_id: '3' },
    });
    expect(request!.stripeVersion).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it('gets the same intent back when a create is retried with the same idempotency key', async () => {
    const account = await onboardedAccount();
    const first = await provider().createPaymentIntent(intentFor(account, 'purchase-retry'));
    const second = await provider().createPaymentIntent(intentFor(account, 'purchase-retry'));
    expect(second).toEqual(first);
    expect(fake.paymentIntents.has(first.id)).toBe(true);
  });

  it('retrieves an intent with its amount, status and client secret', async () => {
    const account = await onboardedAccount();
    const created = await provider().createPaymentIntent(intentFor(account));
    fake.succeedPaymentIntent(created.id);
    fake.requests.length = 0;
    expect(await provider().retrievePaymentIntent(created.id)).toEqual({
      id: created.id,
      clientSecret: created.clientSecret,
      status: 'succeeded',
      amountMinor: 2999,
    });
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: `/v1/payment_intents/${created.id}` });
  });

  it('refunds a paid intent in full, reversing the transfer and the fee, once however often it is asked', async () => {
    const account = await onboardedAccount();
    const { id } = await provider().createPaymentIntent(intentFor(account));
    fake.succeedPaymentIntent(id);
    fake.requests.length = 0;

    await provider().refundPaymentIntent(id, 'exclusive already sold');
    await provider().refundPaymentIntent(id, 'exclusive already sold');

    const refunds = fake.refunds.filter((refund) => refund.payment_intent === id);
    expect(refunds).toEqual([
      expect.objectContaining({
        amount: 2999,
        metadata: { refund_reason: 'exclusive already sold' },
        refund_application_fee: true,
        transfer_reversal: expect.stringMatching(/^trr_/),
      }),
    ]);
    expect(fake.requests.map((r) => [r.path, r.idempotencyKey, r.params.payment_intent])).toEqual([
      ['/v1/refunds', `refund-${id}`, id],
      ['/v1/refunds', `refund-${id}`, id],
    ]);
  });

  it('treats a payment refunded by other means as refunded', async () => {
    const account = await onboardedAccount();
    const { id } = await provider().createPaymentIntent(intentFor(account));
    fake.succeedPaymentIntent(id);
    fake.refunds.push({ payment_intent: id });
    await expect(provider().refundPaymentIntent(id, 'requested')).resolves.toBeUndefined();
  });

  it('refuses to refund an intent that was never paid, without retrying', async () => {
    const account = await onboardedAccount();
    const { id } = await provider().createPaymentIntent(intentFor(account));
    const error = await failure(provider().refundPaymentIntent(id, 'requested'));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('payment_intent_unexpected_state');
  });

  it('creates an Express account with the card_payments and transfers capabilities and the artist id', async () => {
    const status = await provider().createConnectedAccount({ country: 'CA', email: 'rae@example.com', artistId: 42 });
    expect(status).toEqual({
      accountId: expect.stringMatching(/^acct_\w+$/),
      detailsSubmitted: false,
      chargesEnabled: false,
      payoutsEnabled: false,
      requirementsDue: ['business_type', 'external_account', 'tos_acceptance.date', 'tos_acceptance.ip'],
    });
    expect(fake.requests.at(-1)!.params).toEqual({
      type: 'express',
      country: 'CA',
      email: 'rae@example.com',
      capabilities: { card_payments: { requested: 'true' }, transfers: { requested: 'true' } },
      metadata: { artist_id: '42' },
    });
  });

  it('reads an account as it is now, onboarded or not', async () => {
    const { accountId } = await provider().createConnectedAccount({ country: 'US', email: 'jules@example.com', artistId: 5 });
    expect(await provider().retrieveAccount(accountId)).toMatchObject({
      detailsSubmitted: false,
      requirementsDue: expect.arrayContaining(['external_account']),
    });
    fake.completeOnboarding(accountId);
    expect(await provider().retrieveAccount(accountId)).toEqual({
      accountId,
      detailsSubmitted: true,
      chargesEnabled: true,
      payoutsEnabled: true,
      requirementsDue: [],
    });
  });

  it('creates an onboarding link that returns to the given URLs', async () => {
    const { accountId } = await provider().createConnectedAccount({ country: 'CA', email: 'a@example.com', artistId: 1 });
    const before = Date.now();
    const link = await provider().createOnboardingLink(accountId, {
      returnUrl: 'http://127.0.0.1:3000/artist/payouts?done=1',
      refreshUrl: 'http://127.0.0.1:3000/artist/payouts?refresh=1',
    });
    expect(link.url).toMatch(/^https:\/\/connect\.stripe\.com\/setup\/e\/acct_/);
    expect(link.expiresAt.getTime()).toBeGreaterThan(before);
    expect(fake.requests.at(-1)!.params).toEqual({
      account: accountId,
      type: 'account_onboarding',
      return_url: 'http://127.0.0.1:3000/artist/payouts?done=1',
      refresh_url: 'http://127.0.0.1:3000/artist/payouts?refresh=1',
    });
  });

  it("reads the connected account's balance on its behalf, with currencies in upper case", async () => {
    const account = await onboardedAccount();
    fake.setBalance(account, { available: [{ amount: 12_340, currency: 'cad' }], pending: [{ amount: 2_339, currency: 'cad' }] });
    fake.requests.length = 0;
    expect(await provider().retrieveBalance(account)).toEqual({
      available: [{ amountMinor: 12_340, currency: 'CAD' }],
      pending: [{ amountMinor: 2_339, currency: 'CAD' }],
    });
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/v1/balance', stripeAccount: account });
  });

  it('says which resource is missing, and that asking again will not help', async () => {
    const error = await failure(provider().retrievePaymentIntent('pi_doesnotexist'));
    expect(error).toMatchObject({ retryable: false });
    // Stripe's request id stays in the message: support asks for it.
    expect(error.message).toMatch(/^Stripe could not retrieve the payment intent \(resource_missing\): \[req_\w+\] No such payment_intent: 'pi_doesnotexist'$/);
    const balance = await failure(provider().retrieveBalance('acct_1Unknown'));
    expect(balance).toMatchObject({ retryable: false });
    expect(balance.message).toContain('account_invalid');
  });

  it('refuses a destination account that cannot receive transfers yet', async () => {
    const { accountId } = await provider().createConnectedAccount({ country: 'CA', email: 'new@example.com', artistId: 9 });
    const error = await failure(provider().createPaymentIntent(intentFor(accountId)));
    expect(error).toMatchObject({ retryable: false });
    expect(error.message).toContain('insufficient_capabilities_for_transfer');
  });

  it('marks a 429 as retryable', async () => {
    fake.failNext('rate-limited');
    const error = await failure(provider().retrieveAccount('acct_1Whatever'));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('rate_limit');
  });

  it('marks a 500 as retryable once the SDK has used up its own retries', async () => {
    fake.failNext('server-error');
    const error = await failure(provider().retrievePaymentIntent('pi_any'));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/^Stripe could not retrieve the payment intent: \[req_\w+\] An unknown error occurred$/);
  });

  it('lets the SDK retry a 500 with the same idempotency key, so the intent is created once', async () => {
    const account = await onboardedAccount();
    fake.requests.length = 0;
    fake.failNext('server-error');
    const intent = await provider({ maxNetworkRetries: 1 }).createPaymentIntent(intentFor(account, 'purchase-after-500'));
    expect(fake.requests.map((r) => r.idempotencyKey)).toEqual(['purchase-after-500', 'purchase-after-500']);
    expect([...fake.paymentIntents.values()].filter((pi) => pi.id === intent.id)).toHaveLength(1);
  });

  it('marks a dropped connection as retryable', async () => {
    fake.failNext('drop', 2);
    const error = await failure(provider().retrieveAccount('acct_1Whatever'));
    expect(error.retryable).toBe(true);
  });

  it('never repeats the API key or a client secret in its errors', async () => {
    const wrongKey = 'sk_test_51WrongKeyWrongKeyWrongKey9876';
    const error = await failure(provider({ secretKey: wrongKey }).retrieveAccount('acct_1Whatever'));
    expect(error).toMatchObject({
      retryable: false,
      message: 'Stripe refused the API key while trying to retrieve the connected account; check STRIPE_SECRET_KEY.',
    });
    expect(fake.requests.at(-1)!.authorization).toBe(`Bearer ${wrongKey}`);

    const account = await onboardedAccount();
    const { clientSecret } = await provider().createPaymentIntent(intentFor(account, 'purchase-reused-key'));
    const reused = await failure(provider().createPaymentIntent({ ...intentFor(account, 'purchase-reused-key'), amountMinor: 5000 }));
    for (const secret of [FAKE_STRIPE_SECRET_KEY, wrongKey.slice(-4), clientSecret]) {
      expect(error.message).not.toContain(secret);
      expect(reused.message).not.toContain(secret);
    }
    expect(reused).toMatchObject({ retryable: false, message: expect.stringContaining('idempotent requests') });
  });

  it('blanks out the part of a restricted key that Stripe quotes in a permission error', async () => {
    const account = await onboardedAccount();
    const error = await failure(provider({ secretKey: FAKE_STRIPE_RESTRICTED_KEY }).retrieveBalance(account));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^Stripe could not retrieve the balance: \[req_\w+\] The provided key '\[redacted\]' does not have the required permissions/);
    expect(error.message).not.toContain(FAKE_STRIPE_RESTRICTED_KEY.slice(0, 8));
    expect(error.message).not.toContain(FAKE_STRIPE_RESTRICTED_KEY.slice(-4));
  });
});
