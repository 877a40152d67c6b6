// The payment provider behind every purchase and payout: Stripe (the official SDK) when
// STRIPE_SECRET_KEY is set, otherwise the local provider, which behaves like Stripe's test
// mode. Handlers speak only to this interface; events come back through the webhook route.

export interface NewPaymentIntent {
  amountMinor: number;
  /** ISO 4217, upper case (the provider is told lower case, as Stripe wants). */
  currency: string;
  /** The seller's connected account, paid `amountMinor - applicationFeeMinor`. */
  destinationAccountId: string;
  applicationFeeMinor: number;
  /** Copied onto the intent and its events: `purchase_id`, `track_id`, `buyer_id`. */
  metadata: Record<string, string>;
  /** Makes a retried create return the same intent (Stripe's Idempotency-Key). */
  idempotencyKey: string;
}

export interface PaymentIntentSummary {
  id: string;
  /** `pi_…_secret_…`: given to the buyer's browser once, never logged. */
  clientSecret: string;
  status: string;
}

export interface AccountStatus {
  accountId: string;
  detailsSubmitted: boolean;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  requirementsDue: string[];
}

export interface BalanceAmount {
  amountMinor: number;
  currency: string;
}

export interface AccountBalance {
  available: BalanceAmount[];
  pending: BalanceAmount[];
}

export interface PaymentProvider {
  readonly kind: 'local' | 'stripe';
  createPaymentIntent(intent: NewPaymentIntent): Promise<PaymentIntentSummary>;
  /** The intent as it is now (a second initiate of the same checkout hands out its secret again). */
  retrievePaymentIntent(paymentIntentId: string): Promise<PaymentIntentSummary & { amountMinor: number }>;
  /** Refunds the intent's charge in full; `reason` is recorded with the refund. */
  refundPaymentIntent(paymentIntentId: string, reason: string): Promise<void>;
  /** A connected (Express) account for an artist who sets up payouts. */
  createConnectedAccount(input: { country: string; email: string; artistId: number }): Promise<AccountStatus>;
  /** Where the artist completes onboarding; returns there afterwards. */
  createOnboardingLink(accountId: string, urls: { returnUrl: string; refreshUrl: string }): Promise<{ url: string; expiresAt: Date }>;
  retrieveAccount(accountId: string): Promise<AccountStatus>;
  retrieveBalance(accountId: string): Promise<AccountBalance>;
}

/** A provider call that failed; the message is safe to show (no secrets, no card data). */
export class PaymentProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
