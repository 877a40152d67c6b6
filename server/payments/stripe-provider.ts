// The payment provider for a real Stripe account, through the official SDK. Sales are
// destination charges: the buyer pays the platform, Stripe moves the price less the
// application fee to the artist's Express account, and a refund pulls both back. Every SDK
// failure becomes a PaymentProviderError whose message is safe to log and to show: Stripe's
// own messages can quote part of the API key, so they are scrubbed.
import Stripe from 'stripe';
import type { AccountBalance, AccountStatus, BalanceAmount, NewPaymentIntent, PaymentIntentSummary, PaymentProvider } from './provider.js';
import { PaymentProviderError } from './provider.js';

export interface StripeProviderOptions {
  secretKey: string;
  /** Where Stripe's API is, scheme, host and port only (a local fake or stripe-mock); Stripe's own when unset. */
  apiUrl?: string;
  /** The SDK's own retries of connection failures, 409s and 5xx, with the same idempotency key. */
  maxNetworkRetries?: number;
  timeoutMs?: number;
}

export interface StripePaymentProvider extends PaymentProvider {
  readonly kind: 'stripe';
}

/** Host, port and protocol for the SDK, which has no notion of a base URL. */
function endpoint(apiUrl: string): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  const url = new URL(apiUrl);
  if (url.pathname !== '/' || url.search !== '') throw new RangeError(`A Stripe API URL has no path or query, got ${apiUrl}`);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol };
}

const SECRET_PATTERNS = [/\b[sr]k_(?:test|live)_[\w*]+/g, /\bpk_(?:test|live)_\w+/g, /\bwhsec_\w+/g, /_secret_\w+/g];

const scrub = (message: string): string => SECRET_PATTERNS.reduce((text, pattern) => text.replace(pattern, '[redacted]'), message);

/** Throttling, network trouble and Stripe's own faults pass; anything else needs a different request. */
function toProviderError(err: unknown, doing: string): PaymentProviderError {
  if (!(err instanceof Stripe.errors.StripeError)) return new PaymentProviderError(`Stripe ${doing} failed unexpectedly.`, false);
  if (err instanceof Stripe.errors.StripeAuthenticationError) {
    return new PaymentProviderError(`Stripe refused the API key while trying to ${doing}; check STRIPE_SECRET_KEY.`, false);
  }
  const retryable =
    err instanceof Stripe.errors.StripeRateLimitError ||
    err instanceof Stripe.errors.StripeConnectionError ||
    err instanceof Stripe.errors.StripeAPIError ||
    err.code === 'lock_timeout';
  const code = err.code ? ` (${err.code})` : '';
  return new PaymentProviderError(`Stripe could not ${doing}${code}: ${scrub(err.message)}`, retryable);
}

async function call<T>(doing: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    throw toProviderError(err, doing);
  }
}

function summary(intent: Stripe.PaymentIntent): PaymentIntentSummary & { amountMinor: number } {
  if (!intent.client_secret) throw new PaymentProviderError(`Stripe returned payment intent ${intent.id} without a client secret.`, false);
  return { id: intent.id, clientSecret: intent.client_secret, status: intent.status, amountMinor: intent.amount };
}

function accountStatus(account: Stripe.Account): AccountStatus {
  return {
    accountId: account.id,
    detailsSubmitted: account.details_submitted ?? false,
    chargesEnabled: account.charges_enabled ?? false,
    payoutsEnabled: account.payouts_enabled ?? false,
    requirementsDue: account.requirements?.currently_due ?? [],
  };
}

const amounts = (entries: { amount: number; currency: string }[]): BalanceAmount[] =>
  entries.map((entry) => ({ amountMinor: entry.amount, currency: entry.currency.toUpperCase() }));

export function createStripePaymentProvider(options: StripeProviderOptions): StripePaymentProvider {
  const stripe = new Stripe(options.secretKey, {
    ...(options.apiUrl ? endpoint(options.apiUrl) : {}),
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 20_000,
    appInfo: { name: 'BeatPass' },
    typescript: true,
  });

  return {
    kind: 'stripe',

    async createPaymentIntent(intent: NewPaymentIntent) {
      const created = await call('create the payment intent', () =>
        stripe.paymentIntents.create(
          {
            amount: intent.amountMinor,
            currency: intent.currency.toLowerCase(),
            automatic_payment_methods: { enabled: true },
            application_fee_amount: intent.applicationFeeMinor,
            transfer_data: { destination: intent.destinationAccountId },
            metadata: intent.metadata,
          },
          { idempotencyKey: intent.idempotencyKey },
        ),
      );
      return summary(created);
    },

    async retrievePaymentIntent(paymentIntentId) {
      return summary(await call('retrieve the payment intent', () => stripe.paymentIntents.retrieve(paymentIntentId)));
    },

    async refundPaymentIntent(paymentIntentId, reason) {
      try {
        await stripe.refunds.create(
          {
            payment_intent: paymentIntentId,
            // A destination charge: the artist's share and the platform fee both go back.
            reverse_transfer: true,
            refund_application_fee: true,
            metadata: { refund_reason: reason },
          },
          // Two instances refunding the same payment (the exclusive race) make one refund.
          { idempotencyKey: `refund-${paymentIntentId}` },
        );
      } catch (err) {
        // Refunded already: the outcome asked for, as with the local provider.
        if (err instanceof Stripe.errors.StripeError && err.code === 'charge_already_refunded') return;
        throw toProviderError(err, 'refund the payment');
      }
    },

    async createConnectedAccount(input) {
      const account = await call('create the connected account', () =>
        stripe.accounts.create({
          type: 'express',
          country: input.country,
          email: input.email,
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          metadata: { artist_id: String(input.artistId) },
        }),
      );
      return accountStatus(account);
    },

    async createOnboardingLink(accountId, urls) {
      const link = await call('create the onboarding link', () =>
        stripe.accountLinks.create({ account: accountId, type: 'account_onboarding', return_url: urls.returnUrl, refresh_url: urls.refreshUrl }),
      );
      return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
    },

    async retrieveAccount(accountId) {
      return accountStatus(await call('retrieve the connected account', () => stripe.accounts.retrieve(accountId)));
    },

    async retrieveBalance(accountId): Promise<AccountBalance> {
      const balance = await call('retrieve the balance', () => stripe.balance.retrieve({}, { stripeAccount: accountId }));
      return { available: amounts(balance.available), pending: amounts(balance.pending) };
    },
  };
}
