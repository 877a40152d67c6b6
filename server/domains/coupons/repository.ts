import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { coupons } from '../../db/schema.js';

export type CouponRow = typeof coupons.$inferSelect;

/** A plan coupons can be limited to. */
export type PlanProduct = 'classic' | 'plus' | 'pro';

/** The most coupons a list answers with: far more than a shop runs at once. */
const LIST_LIMIT = 100;

/** `code` as stored: already trimmed and upper-cased by the caller. */
export async function findCouponByCode(db: Db, code: string): Promise<CouponRow | undefined> {
  const [row] = await db.select().from(coupons).where(eq(coupons.code, code)).limit(1);
  return row;
}

/**
 * Unexpired coupons open to everyone or limited to `userId` (none of the limited ones for an
 * anonymous caller), and, with `product`, only those valid for that plan; newest first.
 */
export async function listAvailableCoupons(db: Db, userId: number | null, product?: PlanProduct): Promise<CouponRow[]> {
  return db
    .select()
    .from(coupons)
    .where(
      and(
        or(isNull(coupons.expiresAt), gt(coupons.expiresAt, sql`now()`)),
        userId === null ? isNull(coupons.userId) : or(isNull(coupons.userId), eq(coupons.userId, userId)),
        product === undefined ? undefined : or(isNull(coupons.productIds), sql`${coupons.productIds} @> ${JSON.stringify([product])}::jsonb`),
      ),
    )
    .orderBy(desc(coupons.id))
    .limit(LIST_LIMIT);
}
