// How the local provider delivers events: POSTed to the webhook endpoint over HTTP, signed as
// Stripe signs, retried a few times on failure as Stripe retries (in minutes there; in
// fractions of a second here, so a sandbox flow settles quickly). Never logs the payload.
import type { Logger } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StripeEventEnvelope } from './events.js';
import { signPayload } from './webhook-signature.js';

export interface WebhookDelivery {
  /** Sends the event; resolves once it was acknowledged (2xx) or every attempt failed. */
  deliver(event: StripeEventEnvelope): Promise<boolean>;
  /** Resolves when every delivery started so far has ended (tests and shutdown). */
  settled(): Promise<void>;
}

export interface WebhookDeliveryOptions {
  url: string;
  secret: string;
  logger: Logger;
  /** Pauses between attempts; the last one's failure is final. */
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
}

export function createWebhookDelivery(options: WebhookDeliveryOptions): WebhookDelivery {
  const delays = options.retryDelaysMs ?? [200, 1_000, 3_000];
  const inFlight = new Set<Promise<boolean>>();

  async function attempt(event: StripeEventEnvelope): Promise<boolean> {
    const payload = JSON.stringify(event);
    for (let attemptNo = 0; attemptNo <= delays.length; attemptNo++) {
      if (attemptNo > 0) await sleep(delays[attemptNo - 1]!);
      try {
        const reply = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'stripe-signature': signPayload(payload, options.secret),
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          },
          body: payload,
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        await reply.arrayBuffer();
        if (reply.ok) {
          options.logger.info({ event: event.id, type: event.type, status: reply.status }, 'webhook delivered');
          return true;
        }
        options.logger.warn({ event: event.id, type: event.type, status: reply.status, attempt: attemptNo + 1 }, 'webhook refused');
      } catch (err) {
        options.logger.warn({ event: event.id, type: event.type, err: (err as Error).message, attempt: attemptNo + 1 }, 'webhook delivery failed');
      }
    }
    options.logger.error({ event: event.id, type: event.type }, 'webhook not delivered; giving up');
    return false;
  }

  return {
    deliver(event) {
      const delivery = attempt(event).finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
      return delivery;
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
