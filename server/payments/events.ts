// Stripe event envelopes and the objects inside them, as the local provider builds them:
// the fields the webhook reads, in Stripe's names and shapes.
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

/** Stripe's id style: a prefix and 24 random characters. */
export const stripeId = (prefix: string): string => `${prefix}_${randomBytes(18).toString('base64url').replace(/[-_]/g, '').slice(0, 24).padEnd(24, '0')}`;

export interface StripeEventEnvelope {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  type: string;
  /** The connected account the event is about (Connect events only). */
  account?: string;
  data: { object: Record<string, unknown> };
}

/** The API version the local provider's objects follow: the stripe SDK's own. */
export const LOCAL_API_VERSION: string = Stripe.API_VERSION;

export function stripeEvent(type: string, object: Record<string, unknown>, account?: string): StripeEventEnvelope {
  return {
    id: stripeId('evt'),
    object: 'event',
    api_version: LOCAL_API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    ...(account ? { account } : {}),
    data: { object },
  };
}
