// The payment sandbox: what Stripe.js and the Stripe dashboard do, for the local provider.
// Only a purchase's buyer confirms its payment; the buyer or the selling artist refunds it.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { artists, purchases } from '../../db/schema.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { conflict, invalidField, notFoundWith } from '../../contract/responses.js';
import type { CommerceSettings } from '../../payments/commerce.js';
import type { LocalPaymentIntent } from '../../payments/local-provider.js';
import { PaymentProviderError } from '../../payments/provider.js';

const SANDBOX_OFF = 'The payment sandbox is off because this server uses Stripe; confirm payments with Stripe.js.';
const UNKNOWN_INTENT = 'Payment intent not found.';

function serializeIntent(row: LocalPaymentIntent) {
  return {
    id: row.id,
    object: 'payment_intent' as const,
    status: row.status as 'requires_payment_method' | 'succeeded' | 'canceled',
    amount: row.amount,
    amount_refunded: row.amountRefunded,
    currency: row.currency as 'usd' | 'eur' | 'gbp' | 'cad',
    last_payment_error: (row.lastPaymentError as { code: 'card_declined'; decline_code?: 'generic_decline'; message: string } | null) ?? null,
  };
}

export function createPaymentSandboxHandlers(db: Db, commerce: CommerceSettings): TagHandlers<'Payment sandbox'> {
  /** Who may act on the intent: its purchase's buyer and, for refunds, the selling artist's manager. */
  async function parties(paymentIntentId: string): Promise<{ buyerId: number; sellerUserId: number | null } | undefined> {
    const [row] = await db
      .select({ buyerId: purchases.buyerId, sellerUserId: artists.userId })
      .from(purchases)
      .innerJoin(artists, eq(artists.id, purchases.artistId))
      .where(eq(purchases.paymentIntentId, paymentIntentId));
    return row;
  }

  return {
    async confirmSandboxPaymentIntent({ params, body, auth }) {
      const local = commerce.local;
      if (!local) return notFoundWith(SANDBOX_OFF);
      const owner = await parties(params.payment_intent_id);
      if (owner?.buyerId !== auth.user.id) return notFoundWith(UNKNOWN_INTENT);
      const result = await local.confirmPaymentIntent(params.payment_intent_id, body.card_number);
      if (result === 'not-found') return notFoundWith(UNKNOWN_INTENT);
      if (result === 'not-confirmable') return conflict('This PaymentIntent has already succeeded.');
      const { intent, outcome } = result;
      if (outcome.kind === 'succeeded') return { status: 200, body: serializeIntent(intent) };
      if (outcome.kind === 'invalid') return invalidField('card_number', outcome.message);
      return {
        status: 402,
        body: {
          message: outcome.message,
          error_code: outcome.code,
          decline_code: outcome.declineCode as 'generic_decline',
          payment_intent: serializeIntent(intent),
        },
      };
    },

    async refundSandboxPaymentIntent({ params, auth }) {
      const local = commerce.local;
      if (!local) return notFoundWith(SANDBOX_OFF);
      const owner = await parties(params.payment_intent_id);
      if (!owner || (owner.buyerId !== auth.user.id && owner.sellerUserId !== auth.user.id)) return notFoundWith(UNKNOWN_INTENT);
      try {
        return { status: 200, body: serializeIntent(await local.refundLocally(params.payment_intent_id, 'Refunded in the payment sandbox.')) };
      } catch (err) {
        if (err instanceof PaymentProviderError) return conflict(err.message);
        throw err;
      }
    },
  };
}
