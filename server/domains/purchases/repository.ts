// Purchases as stored: opening one for a checkout, the buyer's list, the artist's sales.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { licenses, payouts, purchases, tracks, users } from '../../db/schema.js';
import type { Pricing } from '../../payments/pricing.js';
import type { Sale } from './sellability.js';

export type PurchaseRow = typeof purchases.$inferSelect;
export type ListedPurchase = PurchaseRow & { trackName: string; licenseUuid: string | null };

/** A purchase's money columns, from its pricing (the one place they are filled from it). */
export function pricedColumns(pricing: Pricing) {
  return {
    currency: pricing.currency,
    trackPriceMinor: pricing.trackPriceMinor,
    platformFeeMinor: pricing.platformFeeMinor,
    platformFeeRateBps: pricing.platformFeeRateBps,
    platformFeeFlatMinor: pricing.platformFeeFlatMinor,
    platformFeeWaived: pricing.platformFeeWaived,
    platformFeePlanId: pricing.platformFeePlanId,
    totalMinor: pricing.totalMinor,
    artistAmountMinor: pricing.artistAmountMinor,
  };
}

/** Why an older pending checkout of the same license was closed. */
const REPLACED = 'Replaced by a new checkout at the current price.';

/**
 * The buyer's pending purchase of this sale: the one already open at the same price, or a new
 * one (an open one at another price is closed first). The buyer's row serialises two
 * checkouts of the same buyer, so a double click opens one purchase.
 */
export async function openPurchase(db: Db, buyerId: number, sale: Sale): Promise<PurchaseRow> {
  const { pricing } = sale;
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, buyerId)).for('update');
    const [open] = await tx
      .select()
      .from(purchases)
      .where(
        and(eq(purchases.buyerId, buyerId), eq(purchases.trackId, sale.trackId), eq(purchases.licenseType, sale.licenseType), eq(purchases.status, 'pending')),
      );
    if (open && open.totalMinor === pricing.totalMinor && open.currency === pricing.currency && open.paymentIntentId) return open;
    if (open) await tx.update(purchases).set({ status: 'failed', failureMessage: REPLACED, updatedAt: new Date() }).where(eq(purchases.id, open.id));
    const [row] = await tx
      .insert(purchases)
      .values({
        buyerId,
        trackId: sale.trackId,
        artistId: sale.artistId,
        licenseType: sale.licenseType,
        ...pricedColumns(pricing),
      })
      .returning();
    return row!;
  });
}

export async function attachPaymentIntent(db: Db, purchaseId: number, paymentIntentId: string): Promise<void> {
  await db.update(purchases).set({ paymentIntentId, updatedAt: new Date() }).where(eq(purchases.id, purchaseId));
}

/** A checkout the provider could not start: closed, so the next initiate starts afresh. */
export async function failPurchase(db: Db, purchaseId: number, message: string): Promise<void> {
  await db.update(purchases).set({ status: 'failed', failureMessage: message, updatedAt: new Date() }).where(eq(purchases.id, purchaseId));
}

export async function findPurchaseByIntent(db: Db, paymentIntentId: string): Promise<PurchaseRow | undefined> {
  const [row] = await db.select().from(purchases).where(eq(purchases.paymentIntentId, paymentIntentId));
  return row;
}

/** The buyer's latest purchase of the track (of one license type, or of any). */
export async function latestPurchase(db: Db, buyerId: number, trackId: number, licenseType: string | undefined): Promise<PurchaseRow | undefined> {
  const [row] = await db
    .select()
    .from(purchases)
    .where(and(eq(purchases.buyerId, buyerId), eq(purchases.trackId, trackId), licenseType === undefined ? undefined : eq(purchases.licenseType, licenseType)))
    .orderBy(desc(purchases.createdAt), desc(purchases.id))
    .limit(1);
  return row;
}

const listed = {
  purchase: purchases,
  trackName: tracks.name,
  licenseUuid: sql<string | null>`${licenses.uuid}::text`,
};

const asListed = (rows: { purchase: PurchaseRow; trackName: string; licenseUuid: string | null }[]): ListedPurchase[] =>
  rows.map((row) => ({ ...row.purchase, trackName: row.trackName, licenseUuid: row.licenseUuid }));

export async function buyerPurchases(db: Db, buyerId: number, offset: number, limit: number): Promise<{ rows: ListedPurchase[]; total: number }> {
  const [rows, [count]] = await Promise.all([
    db
      .select(listed)
      .from(purchases)
      .innerJoin(tracks, eq(tracks.id, purchases.trackId))
      .leftJoin(licenses, eq(licenses.purchaseId, purchases.id))
      .where(eq(purchases.buyerId, buyerId))
      .orderBy(desc(purchases.createdAt), desc(purchases.id))
      .offset(offset)
      .limit(limit),
    db.select({ total: sql<number>`count(*)::int` }).from(purchases).where(eq(purchases.buyerId, buyerId)),
  ]);
  return { rows: asListed(rows), total: count?.total ?? 0 };
}

export interface SalesSummary {
  totalSales: number;
  /** The artist's share of succeeded sales, minor units, by currency. */
  revenueMinor: number;
  paidOutMinor: number;
  currency: string;
  recent: ListedPurchase[];
}

/** Sales in the artist's main currency (the one most sales were in; USD before the first). */
export async function artistSales(db: Db, artistId: number): Promise<SalesSummary> {
  const [totals, paid, recent] = await Promise.all([
    db
      .select({ currency: purchases.currency, sales: sql<number>`count(*)::int`, revenue: sql<number>`coalesce(sum(${purchases.artistAmountMinor}), 0)::int` })
      .from(purchases)
      .where(and(eq(purchases.artistId, artistId), eq(purchases.status, 'succeeded')))
      .groupBy(purchases.currency)
      .orderBy(desc(sql`count(*)`)),
    db
      .select({ currency: payouts.currency, amount: sql<number>`coalesce(sum(${payouts.amountMinor}), 0)::int` })
      .from(payouts)
      .where(and(eq(payouts.artistId, artistId), inArray(payouts.status, ['paid'])))
      .groupBy(payouts.currency),
    db
      .select(listed)
      .from(purchases)
      .innerJoin(tracks, eq(tracks.id, purchases.trackId))
      .leftJoin(licenses, eq(licenses.purchaseId, purchases.id))
      .where(and(eq(purchases.artistId, artistId), eq(purchases.status, 'succeeded')))
      .orderBy(desc(purchases.succeededAt), desc(purchases.id))
      .limit(10),
  ]);
  const main = totals[0];
  const currency = main?.currency ?? 'USD';
  return {
    totalSales: main?.sales ?? 0,
    revenueMinor: main?.revenue ?? 0,
    paidOutMinor: paid.find((p) => p.currency.toUpperCase() === currency)?.amount ?? 0,
    currency,
    recent: asListed(recent),
  };
}
