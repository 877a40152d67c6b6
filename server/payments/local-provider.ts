// The default payment provider: Stripe's test mode without a Stripe account. Payment intents
// live in the database (`local_payment_intents`, so every instance sees them), with ids and
// client secrets in Stripe's formats; confirming one with a Stripe test card (the sandbox
// route, standing in for Stripe.js) and refunding it deliver the same signed events Stripe
// would. Connected accounts are the `payout_accounts` rows: onboarding completes as soon as
// its link is asked for, and `account.updated` says so.
import { randomBytes } from 'node:crypto';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { localPaymentIntents, payoutAccounts, payouts, purchases } from '../db/schema.js';
import { stripeEvent, stripeId } from './events.js';
import type { AccountBalance, AccountStatus, NewPaymentIntent, PaymentIntentSummary, PaymentProvider } from './provider.js';
import { PaymentProviderError } from './provider.js';
import { cardOutcome, type CardOutcome } from './test-cards.js';
import type { WebhookDelivery } from './webhook-delivery.js';

type IntentRow = typeof localPaymentIntents.$inferSelect;

/** How long a sale's money stays pending before it is available for payout (Stripe: days). */
const PENDING_DAYS = 7;

export interface ConfirmResult {
  intent: IntentRow;
  outcome: CardOutcome;
}

export type LocalPaymentIntent = IntentRow;

export interface LocalPaymentProvider extends PaymentProvider {
  readonly kind: 'local';
  /** Confirms with a test card, as Stripe.js does; undefined when no such intent exists. */
  confirmPaymentIntent(paymentIntentId: string, cardNumber: string): Promise<ConfirmResult | 'not-found' | 'not-confirmable'>;
  /** The intent with its metadata (the sandbox routes check whose it is). */
  findPaymentIntent(paymentIntentId: string): Promise<IntentRow | undefined>;
  /** Refunds in full (once) and answers the intent as it is afterwards. */
  refundLocally(paymentIntentId: string, reason: string): Promise<IntentRow>;
  /** Resolves once every event sent so far was delivered or given up on. */
  deliveriesSettled(): Promise<void>;
}

const secretPart = () => randomBytes(18).toString('base64url').replace(/[-_]/g, 'x').slice(0, 24);

function paymentIntentObject(row: IntentRow): Record<string, unknown> {
  return {
    id: row.id,
    object: 'payment_intent',
    amount: row.amount,
    amount_received: row.status === 'succeeded' ? row.amount : 0,
    currency: row.currency,
    status: row.status,
    metadata: row.metadata,
    latest_charge: row.chargeId,
    application_fee_amount: row.applicationFee,
    transfer_data: row.destination ? { destination: row.destination } : null,
    last_payment_error: row.lastPaymentError ?? null,
    created: Math.floor(row.createdAt.getTime() / 1000),
    livemode: false,
  };
}

function accountStatus(row: typeof payoutAccounts.$inferSelect): AccountStatus {
  return {
    accountId: row.accountId,
    detailsSubmitted: row.detailsSubmitted,
    chargesEnabled: row.chargesEnabled,
    payoutsEnabled: row.payoutsEnabled,
    requirementsDue: row.requirementsDue,
  };
}

export function createLocalPaymentProvider(db: Db, delivery: WebhookDelivery): LocalPaymentProvider {
  const send = (type: string, object: Record<string, unknown>, account?: string) => void delivery.deliver(stripeEvent(type, object, account));

  async function findIntent(id: string): Promise<IntentRow | undefined> {
    const [row] = await db.select().from(localPaymentIntents).where(eq(localPaymentIntents.id, id));
    return row;
  }

  async function accountRow(accountId: string) {
    const [row] = await db.select().from(payoutAccounts).where(eq(payoutAccounts.accountId, accountId));
    if (!row) throw new PaymentProviderError(`No such account: ${accountId}`, false);
    return row;
  }

  /** Refunds in full once; a second refund finds it done and sends nothing. */
  async function refund(paymentIntentId: string, reason: string): Promise<IntentRow> {
    const result = await db.transaction(async (tx) => {
      const [row] = await tx.select().from(localPaymentIntents).where(eq(localPaymentIntents.id, paymentIntentId)).for('update');
      if (!row) throw new PaymentProviderError(`No such payment_intent: ${paymentIntentId}`, false);
      if (row.status !== 'succeeded' || !row.chargeId) throw new PaymentProviderError('This PaymentIntent has no successful charge to refund.', false);
      if (row.amountRefunded >= row.amount) return { row, changed: false };
      const [updated] = await tx.update(localPaymentIntents).set({ amountRefunded: row.amount }).where(eq(localPaymentIntents.id, paymentIntentId)).returning();
      return { row: updated!, changed: true };
    });
    const { row } = result;
    if (result.changed) {
      send('charge.refunded', {
        id: row.chargeId,
        object: 'charge',
        amount: row.amount,
        amount_refunded: row.amountRefunded,
        currency: row.currency,
        payment_intent: row.id,
        metadata: { ...row.metadata, refund_reason: reason },
        refunded: true,
        status: 'succeeded',
        livemode: false,
      });
    }
    return row;
  }

  return {
    kind: 'local',

    async createPaymentIntent(intent: NewPaymentIntent): Promise<PaymentIntentSummary> {
      // As Stripe's Idempotency-Key: a retried create finds the intent it made before.
      const id = stripeId('pi');
      const [existing] = await db.select().from(localPaymentIntents).where(sql`${localPaymentIntents.metadata}->>'idempotency_key' = ${intent.idempotencyKey}`);
      if (existing) return { id: existing.id, clientSecret: existing.clientSecret, status: existing.status };
      const [row] = await db
        .insert(localPaymentIntents)
        .values({
          id,
          clientSecret: `${id}_secret_${secretPart()}`,
          amount: intent.amountMinor,
          currency: intent.currency.toLowerCase(),
          status: 'requires_payment_method',
          metadata: { ...intent.metadata, idempotency_key: intent.idempotencyKey },
          destination: intent.destinationAccountId,
          applicationFee: intent.applicationFeeMinor,
        })
        .returning();
      return { id: row!.id, clientSecret: row!.clientSecret, status: row!.status };
    },

    async retrievePaymentIntent(paymentIntentId) {
      const row = await findIntent(paymentIntentId);
      if (!row) throw new PaymentProviderError(`No such payment_intent: ${paymentIntentId}`, false);
      return { id: row.id, clientSecret: row.clientSecret, status: row.status, amountMinor: row.amount };
    },

    findPaymentIntent: findIntent,

    async confirmPaymentIntent(paymentIntentId, cardNumber) {
      const outcome = cardOutcome(cardNumber);
      const confirmed = await db.transaction(async (tx) => {
        const [row] = await tx.select().from(localPaymentIntents).where(eq(localPaymentIntents.id, paymentIntentId)).for('update');
        if (!row) return 'not-found' as const;
        if (row.status !== 'requires_payment_method') return 'not-confirmable' as const;
        // Stripe.js refuses a number that is no card before any payment is attempted.
        if (outcome.kind === 'invalid' && outcome.code === 'incorrect_number') return row;
        const [updated] = await tx
          .update(localPaymentIntents)
          .set(
            outcome.kind === 'succeeded'
              ? { status: 'succeeded', chargeId: stripeId('ch'), lastPaymentError: null }
              : {
                  lastPaymentError: {
                    code: outcome.code,
                    ...(outcome.kind === 'declined' ? { decline_code: outcome.declineCode } : {}),
                    message: outcome.message,
                  },
                },
          )
          .where(eq(localPaymentIntents.id, paymentIntentId))
          .returning();
        return updated!;
      });
      if (typeof confirmed === 'string') return confirmed;
      if (!(outcome.kind === 'invalid' && outcome.code === 'incorrect_number')) {
        send(outcome.kind === 'succeeded' ? 'payment_intent.succeeded' : 'payment_intent.payment_failed', paymentIntentObject(confirmed));
      }
      return { intent: confirmed, outcome };
    },

    async refundPaymentIntent(paymentIntentId, reason) {
      await refund(paymentIntentId, reason);
    },

    refundLocally: refund,

    async createConnectedAccount() {
      return {
        accountId: stripeId('acct').slice(0, 21),
        detailsSubmitted: false,
        chargesEnabled: false,
        payoutsEnabled: false,
        requirementsDue: ['individual.verification.document', 'external_account'],
      };
    },

    async createOnboardingLink(accountId, urls) {
      // There is no form to fill in locally: asking for the link completes onboarding.
      const [row] = await db
        .update(payoutAccounts)
        .set({ detailsSubmitted: true, chargesEnabled: true, payoutsEnabled: true, requirementsDue: [], updatedAt: new Date() })
        .where(eq(payoutAccounts.accountId, accountId))
        .returning();
      if (!row) throw new PaymentProviderError(`No such account: ${accountId}`, false);
      send(
        'account.updated',
        {
          id: accountId,
          object: 'account',
          country: row.country,
          details_submitted: true,
          charges_enabled: true,
          payouts_enabled: true,
          requirements: { currently_due: [], disabled_reason: null },
          metadata: { artist_id: String(row.artistId) },
        },
        accountId,
      );
      return { url: urls.returnUrl, expiresAt: new Date(Date.now() + 5 * 60_000) };
    },

    async retrieveAccount(accountId) {
      return accountStatus(await accountRow(accountId));
    },

    async retrieveBalance(accountId): Promise<AccountBalance> {
      const row = await accountRow(accountId);
      const cutoff = sql`now() - make_interval(days => ${PENDING_DAYS})`;
      const sums = async (when: ReturnType<typeof lt>) =>
        db
          .select({
            currency: purchases.currency,
            amount: sql<number>`coalesce(sum(${purchases.artistAmountMinor} - least(${purchases.refundedMinor}, ${purchases.artistAmountMinor})), 0)::int`,
          })
          .from(purchases)
          .where(and(eq(purchases.artistId, row.artistId), inArray(purchases.status, ['succeeded', 'refunded']), when))
          .groupBy(purchases.currency);
      const [settled, recent, paidOut] = await Promise.all([
        sums(lt(purchases.succeededAt, cutoff)),
        sums(gte(purchases.succeededAt, cutoff)),
        db
          .select({ currency: payouts.currency, amount: sql<number>`coalesce(sum(${payouts.amountMinor}), 0)::int` })
          .from(payouts)
          .where(and(eq(payouts.artistId, row.artistId), inArray(payouts.status, ['pending', 'paid'])))
          .groupBy(payouts.currency),
      ]);
      const paid = new Map(paidOut.map((p) => [p.currency.toUpperCase(), p.amount]));
      return {
        available: settled.map((s) => ({ currency: s.currency, amountMinor: Math.max(0, s.amount - (paid.get(s.currency) ?? 0)) })),
        pending: recent.map((s) => ({ currency: s.currency, amountMinor: s.amount })),
      };
    },

    deliveriesSettled: () => delivery.settled(),
  };
}
