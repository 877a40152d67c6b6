// What each Stripe event does, applied in one transaction together with the record that the
// event took effect: a repeated or concurrent delivery of the same event id finds that record
// (or waits on it) and changes nothing; a failure rolls both back, so Stripe's retry applies
// the event afresh.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db } from '../../db/connection.js';
import { licenses, payoutAccounts, payouts, processedWebhookEvents, purchases, tracks } from '../../db/schema.js';
import { issueLicense } from '../licenses/issue.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A refund that the effects decided and that must reach the provider (after the commit). */
export interface RefundDue {
  paymentIntentId: string;
  reason: string;
}

export const EXCLUSIVE_TAKEN = 'The exclusive license was sold to another buyer first; your payment is refunded in full.';
const EXCLUSIVE_SOLD_SINCE = 'The exclusive license for this track was sold before your payment went through; your payment is refunded in full.';
const REFUNDED = 'The payment was refunded.';

type Obj = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const int = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) ? value : undefined);

async function lockedPurchase(tx: Tx, paymentIntentId: string | undefined) {
  if (!paymentIntentId) return undefined;
  const [row] = await tx.select().from(purchases).where(eq(purchases.paymentIntentId, paymentIntentId)).for('update');
  return row;
}

async function paymentSucceeded(tx: Tx, intent: Obj): Promise<RefundDue | undefined> {
  const purchase = await lockedPurchase(tx, str(intent.id));
  if (!purchase || (purchase.status !== 'pending' && purchase.status !== 'failed')) return undefined;
  // The track's row orders racing payments for it: the first to get here sells the exclusive.
  const [track] = await tx.select({ exclusiveStatus: tracks.exclusiveStatus }).from(tracks).where(eq(tracks.id, purchase.trackId)).for('update');
  if (track?.exclusiveStatus === 'sold') {
    const reason = purchase.licenseType === 'exclusive' ? EXCLUSIVE_TAKEN : EXCLUSIVE_SOLD_SINCE;
    await tx.update(purchases).set({ status: 'refunded', failureMessage: reason, updatedAt: new Date() }).where(eq(purchases.id, purchase.id));
    return { paymentIntentId: purchase.paymentIntentId!, reason };
  }
  await tx
    .update(purchases)
    .set({ status: 'succeeded', failureMessage: null, succeededAt: new Date(), updatedAt: new Date() })
    .where(eq(purchases.id, purchase.id));
  if (purchase.licenseType === 'exclusive') {
    await tx.update(tracks).set({ exclusiveStatus: 'sold', updatedAt: new Date() }).where(eq(tracks.id, purchase.trackId));
  }
  await issueLicense(tx, {
    trackId: purchase.trackId,
    userId: purchase.buyerId,
    licenseType: purchase.licenseType as 'exclusive' | 'non_exclusive',
    purchaseId: purchase.id,
  });
  return undefined;
}

async function paymentFailed(tx: Tx, intent: Obj): Promise<void> {
  const purchase = await lockedPurchase(tx, str(intent.id));
  if (purchase?.status !== 'pending') return;
  const message = str((intent.last_payment_error as Obj | null | undefined)?.message) ?? 'The payment failed.';
  await tx
    .update(purchases)
    .set({ status: 'failed', failureMessage: message.slice(0, 500), updatedAt: new Date() })
    .where(eq(purchases.id, purchase.id));
}

async function chargeRefunded(tx: Tx, charge: Obj): Promise<void> {
  const purchase = await lockedPurchase(tx, str(charge.payment_intent));
  if (!purchase) return;
  const refunded = Math.min(int(charge.amount_refunded) ?? purchase.totalMinor, purchase.totalMinor);
  const full = refunded >= purchase.totalMinor;
  await tx
    .update(purchases)
    .set({
      status: 'refunded',
      refundedMinor: refunded,
      refundedAt: new Date(),
      failureMessage: purchase.failureMessage ?? REFUNDED,
      updatedAt: new Date(),
    })
    .where(eq(purchases.id, purchase.id));
  if (!full || purchase.status !== 'succeeded') return;
  await tx
    .update(licenses)
    .set({ status: 'revoked', revokedAt: new Date(), revokedReason: 'The payment was refunded.' })
    .where(and(eq(licenses.purchaseId, purchase.id), eq(licenses.status, 'active')));
  // A refunded exclusive is for sale again.
  if (purchase.licenseType === 'exclusive') {
    await tx
      .update(tracks)
      .set({ exclusiveStatus: 'available', updatedAt: new Date() })
      .where(and(eq(tracks.id, purchase.trackId), eq(tracks.exclusiveStatus, 'sold')));
  }
}

async function payoutChanged(tx: Tx, payout: Obj, account: string | undefined): Promise<void> {
  const id = str(payout.id);
  if (!id || !account) return;
  const [owner] = await tx.select({ artistId: payoutAccounts.artistId }).from(payoutAccounts).where(eq(payoutAccounts.accountId, account));
  if (!owner) return;
  const status = payout.status === 'paid' ? 'paid' : payout.status === 'failed' || payout.status === 'canceled' ? 'failed' : 'pending';
  const arrival = int(payout.arrival_date);
  const values = {
    amountMinor: int(payout.amount) ?? 0,
    currency: (str(payout.currency) ?? 'usd').toUpperCase().slice(0, 3),
    status,
    failureMessage: str(payout.failure_message)?.slice(0, 500) ?? null,
    arrivalDate: arrival === undefined ? null : new Date(arrival * 1000),
    updatedAt: new Date(),
  };
  await tx
    .insert(payouts)
    .values({ id, artistId: owner.artistId, ...values })
    .onConflictDoUpdate({ target: payouts.id, set: values });
}

async function accountUpdated(tx: Tx, account: Obj): Promise<void> {
  const id = str(account.id);
  if (!id) return;
  const requirements = (account.requirements as Obj | null | undefined)?.currently_due;
  await tx
    .update(payoutAccounts)
    .set({
      detailsSubmitted: account.details_submitted === true,
      chargesEnabled: account.charges_enabled === true,
      payoutsEnabled: account.payouts_enabled === true,
      requirementsDue: Array.isArray(requirements) ? requirements.filter((r): r is string => typeof r === 'string').slice(0, 100) : [],
      updatedAt: new Date(),
    })
    .where(eq(payoutAccounts.accountId, id));
}

/** Applies the event once; 'duplicate' when it already took effect. */
export async function applyEvent(db: Db, event: Stripe.Event): Promise<{ outcome: 'applied' | 'duplicate'; refund?: RefundDue }> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(processedWebhookEvents)
      .values({ eventId: event.id, type: event.type })
      .onConflictDoNothing()
      .returning({ id: processedWebhookEvents.eventId });
    if (claimed.length === 0) return { outcome: 'duplicate' as const };
    const object = event.data.object as unknown as Obj;
    let refund: RefundDue | undefined;
    switch (event.type) {
      case 'payment_intent.succeeded':
        refund = await paymentSucceeded(tx, object);
        break;
      case 'payment_intent.payment_failed':
        await paymentFailed(tx, object);
        break;
      case 'charge.refunded':
        await chargeRefunded(tx, object);
        break;
      case 'payout.created':
      case 'payout.paid':
      case 'payout.failed':
        await payoutChanged(tx, object, event.account);
        break;
      case 'account.updated':
        await accountUpdated(tx, object);
        break;
      default:
        break;
    }
    return { outcome: 'applied' as const, refund };
  });
}

/**
 * A refund decided by an earlier delivery of a `payment_intent.succeeded` event that has not
 * reached the provider yet (the purchase is refunded, but no money has gone back).
 */
export async function refundStillDue(db: Db, event: Stripe.Event): Promise<RefundDue | undefined> {
  if (event.type !== 'payment_intent.succeeded') return undefined;
  const intentId = (event.data.object as { id?: string }).id;
  if (!intentId) return undefined;
  const [row] = await db
    .select({ failureMessage: purchases.failureMessage })
    .from(purchases)
    .where(and(eq(purchases.paymentIntentId, intentId), inArray(purchases.status, ['refunded']), eq(purchases.refundedMinor, sql`0`)));
  return row ? { paymentIntentId: intentId, reason: row.failureMessage ?? REFUNDED } : undefined;
}
