// The Stripe webhook: the signature is checked on the raw body with Stripe's SDK before
// anything else; then the event takes effect once (effects.ts). A refund the event calls for
// is sent after the commit; if it cannot be, the answer is 500 so that Stripe delivers the
// event again and the refund is retried.
import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import type { CommerceSettings } from '../../payments/commerce.js';
import { PaymentProviderError } from '../../payments/provider.js';
import { verifySignedEvent } from '../../payments/webhook-signature.js';
import { applyEvent, refundStillDue } from './effects.js';

const badRequest = (message: string) => ({ status: 400 as const, body: { message } });

/** The SDK's message up to its first sentence (the rest is advice about raw bodies, with a link). */
const firstSentence = (message: string) => /^[^.]*\./.exec(message)?.[0] ?? message.slice(0, 200);

export function createWebhookHandlers(db: Db, commerce: CommerceSettings): TagHandlers<'Webhooks'> {
  return {
    async receiveStripeWebhook({ headers, rawBody }) {
      const signature = headers['Stripe-Signature'];
      if (!signature) return badRequest('Missing Stripe-Signature header.');
      if (!rawBody) return badRequest('The body is not a Stripe event.');
      let event: ReturnType<typeof verifySignedEvent>;
      try {
        event = verifySignedEvent(rawBody, signature, commerce.webhookSecret);
      } catch (err) {
        return badRequest(firstSentence((err as Error).message));
      }
      if (typeof event.id !== 'string' || typeof event.type !== 'string' || typeof event.data?.object !== 'object') {
        return badRequest('The body is not a Stripe event.');
      }
      const { outcome, refund } = await applyEvent(db, event);
      const due = outcome === 'applied' ? refund : await refundStillDue(db, event);
      if (due) {
        try {
          await commerce.provider.refundPaymentIntent(due.paymentIntentId, due.reason);
        } catch (err) {
          if (!(err instanceof PaymentProviderError)) throw err;
          return { status: 500, body: { message: 'The event could not be processed; it will be retried.' } };
        }
      }
      return { status: 200, body: { received: true } };
    },
  };
}
