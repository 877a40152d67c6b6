// What the commerce domains share: the payment provider, the fee policy, whether purchases
// are on, and the webhook secret. Built once per app from the configuration.
import type { Logger } from 'pino';
import type { Db } from '../db/connection.js';
import { createLocalPaymentProvider, type LocalPaymentProvider } from './local-provider.js';
import { DEFAULT_FEE_POLICY, type FeePolicy } from './pricing.js';
import type { PaymentProvider } from './provider.js';
import { createWebhookDelivery } from './webhook-delivery.js';

/** The webhook secret of the local provider when STRIPE_WEBHOOK_SECRET is unset: it only ever signs sandbox events. */
export const SANDBOX_WEBHOOK_SECRET = 'whsec_beatpass_local_sandbox';

export interface CommerceSettings {
  provider: PaymentProvider;
  /** The same provider when it is the local one: the sandbox payment routes drive it. */
  local: LocalPaymentProvider | undefined;
  feePolicy: FeePolicy;
  /** Off: every purchase route answers 403 (BeatPass's "track purchases not enabled"). */
  purchasesEnabled: boolean;
  webhookSecret: string;
}

export interface CommerceOptions {
  /** A provider built elsewhere (the Stripe one); the local provider otherwise. */
  provider?: PaymentProvider;
  feePolicy?: FeePolicy;
  purchasesEnabled?: boolean;
  webhookSecret?: string;
  /** Where the local provider delivers its events (default: this server's /api/stripe/webhook). */
  webhookUrl?: string;
  /** Pauses between the local provider's delivery attempts. */
  webhookRetryDelaysMs?: readonly number[];
}

export function createCommerce(db: Db, logger: Logger, publicUrl: string, options: CommerceOptions = {}): CommerceSettings {
  // The sandbox secret is published in this file: events Stripe sends are never checked against it.
  if (options.provider?.kind === 'stripe' && !options.webhookSecret)
    throw new Error('The Stripe provider needs its webhook signing secret (STRIPE_WEBHOOK_SECRET).');
  const webhookSecret = options.webhookSecret ?? SANDBOX_WEBHOOK_SECRET;
  const local = options.provider
    ? undefined
    : createLocalPaymentProvider(
        db,
        createWebhookDelivery({
          url: options.webhookUrl ?? `${publicUrl}/api/stripe/webhook`,
          secret: webhookSecret,
          logger,
          retryDelaysMs: options.webhookRetryDelaysMs,
        }),
      );
  return {
    provider: options.provider ?? local!,
    local,
    feePolicy: options.feePolicy ?? DEFAULT_FEE_POLICY,
    purchasesEnabled: options.purchasesEnabled ?? true,
    webhookSecret,
  };
}
