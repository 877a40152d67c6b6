// Stripe's webhook signature, with Stripe's own SDK on both sides: `Stripe-Signature:
// t=<unix seconds>,v1=<HMAC-SHA256 of "t.payload">`, checked against the raw body within a
// timestamp tolerance. The local provider signs what it delivers exactly as Stripe does.
import Stripe from 'stripe';

/** Stripe's default: a signature older (or newer) than five minutes is refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signPayload(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

/** The verified event, or an error whose message says what was wrong (never the secret). */
export function verifySignedEvent(rawBody: Buffer | string, signature: string, secret: string): Stripe.Event {
  return Stripe.webhooks.constructEvent(rawBody, signature, secret, SIGNATURE_TOLERANCE_SECONDS);
}
