// Payout accounts, and the artist's earnings as finance transactions. A sale's finance status
// is derived when it is read, never stored: it moves with time (the 7-day hold) and with
// payouts, which the provider reports per account, not per sale.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { payoutAccounts, payouts, purchases, tracks } from '../../db/schema.js';
import type { AccountStatus } from '../../payments/provider.js';

export type PayoutAccountRow = typeof payoutAccounts.$inferSelect;
export type FinanceStatus = 'waiting' | 'sending' | 'needs_attention' | 'completed' | 'refunded';

/** Days a sale's money is held before it can be paid out, as the local provider's balance holds it. */
export const HOLD_DAYS = 7;

export async function findPayoutAccount(db: Db, artistId: number): Promise<PayoutAccountRow | undefined> {
  const [row] = await db.select().from(payoutAccounts).where(eq(payoutAccounts.artistId, artistId)).limit(1);
  return row;
}

/** Stores a new account; when another request stored one first, that one is kept and returned. */
export async function insertPayoutAccount(db: Db, artistId: number, country: string, status: AccountStatus): Promise<PayoutAccountRow> {
  await db
    .insert(payoutAccounts)
    .values({ artistId, country, ...accountFields(status) })
    .onConflictDoNothing({ target: payoutAccounts.artistId });
  return (await findPayoutAccount(db, artistId))!;
}

export async function syncPayoutAccount(db: Db, artistId: number, status: AccountStatus): Promise<PayoutAccountRow> {
  const [row] = await db
    .update(payoutAccounts)
    .set({ ...accountFields(status), updatedAt: new Date() })
    .where(eq(payoutAccounts.artistId, artistId))
    .returning();
  return row!;
}

function accountFields(status: AccountStatus) {
  return {
    accountId: status.accountId,
    detailsSubmitted: status.detailsSubmitted,
    chargesEnabled: status.chargesEnabled,
    payoutsEnabled: status.payoutsEnabled,
    requirementsDue: status.requirementsDue,
  };
}

/** Whether the provider can pay the artist now: an account with payouts on and nothing asked. */
export const canBePaid = (account: PayoutAccountRow | undefined): boolean => account?.payoutsEnabled === true && account.requirementsDue.length === 0;

/**
 * Every sale of the artist with its finance status. Payouts cover settled sales oldest first,
 * per currency: a sale whose running total is within what was paid is `completed`, within
 * what is on its way `sending`; one not covered yet waits for the next payout, or needs the
 * artist's attention while they cannot be paid.
 */
function financeTransactions(artistId: number, payable: boolean): SQL {
  return sql`
    with sales as (
      select p.id, p.track_id, t.name as track_name, p.license_type, p.status as purchase_status,
             upper(p.currency) as currency, p.total_minor, p.platform_fee_minor, p.artist_amount_minor,
             p.refunded_minor, coalesce(p.succeeded_at, p.created_at) as occurred_at,
             p.artist_amount_minor - least(p.refunded_minor, p.artist_amount_minor) as net_minor
      from ${purchases} p left join ${tracks} t on t.id = p.track_id
      where p.artist_id = ${artistId} and p.status in ('succeeded', 'refunded')
    ), covered as (
      select upper(currency) as currency,
             coalesce(sum(amount_minor) filter (where status = 'paid'), 0) as paid_minor,
             coalesce(sum(amount_minor) filter (where status = 'pending'), 0) as sending_minor
      from ${payouts} where artist_id = ${artistId} group by upper(currency)
    ), ranked as (
      select s.*, sum(s.net_minor) over (partition by s.currency order by s.occurred_at, s.id) as running_minor
      from sales s
    )
    select r.*, r.occurred_at + make_interval(days => ${HOLD_DAYS}) as available_at,
      case
        when r.purchase_status = 'refunded' then 'refunded'
        when r.occurred_at > now() - make_interval(days => ${HOLD_DAYS}) then 'waiting'
        when r.running_minor <= coalesce(c.paid_minor, 0) then 'completed'
        when r.running_minor <= coalesce(c.paid_minor, 0) + coalesce(c.sending_minor, 0) then 'sending'
        when ${payable}::boolean then 'waiting'
        else 'needs_attention'
      end as finance_status
    from ranked r left join covered c on c.currency = r.currency`;
}

export interface FinanceTransactionRow {
  id: number;
  track_id: number | null;
  track_name: string | null;
  license_type: string;
  currency: string;
  total_minor: number;
  platform_fee_minor: number;
  refunded_minor: number;
  net_minor: number;
  occurred_at: Date | string;
  available_at: Date | string;
  finance_status: FinanceStatus;
}

export interface TransactionFilters {
  status: FinanceStatus | 'all';
  type: 'sales' | 'subscriptions' | 'all';
}

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** One page of the artist's transactions, newest first, and how many match the filters. */
export async function listFinanceTransactions(
  db: Db,
  artistId: number,
  payable: boolean,
  filters: TransactionFilters,
  page: { offset: number; perPage: number },
): Promise<{ rows: FinanceTransactionRow[]; total: number }> {
  // Subscription earnings are not kept by the sandbox: that type matches nothing.
  if (filters.type === 'subscriptions') return { rows: [], total: 0 };
  const where = filters.status === 'all' ? sql`true` : sql`finance_status = ${filters.status}`;
  const all = financeTransactions(artistId, payable);
  const [rows, [counted]] = await Promise.all([
    rowsOf<FinanceTransactionRow>(
      db,
      sql`select * from (${all}) tx where ${where} order by occurred_at desc, id desc limit ${page.perPage} offset ${page.offset}`,
    ),
    rowsOf<{ n: number }>(db, sql`select count(*)::int as n from (${all}) tx where ${where}`),
  ]);
  return { rows, total: counted?.n ?? 0 };
}

export interface EarningsRow {
  currency: string;
  finance_status: FinanceStatus;
  net_minor: number;
  refunded_share_minor: number;
  sales: number;
}

/** The artist's earnings per currency and finance status. */
export async function financeTotals(db: Db, artistId: number, payable: boolean): Promise<EarningsRow[]> {
  return rowsOf<EarningsRow>(
    db,
    sql`select currency, finance_status, sum(net_minor)::float8 as net_minor,
          sum(artist_amount_minor - net_minor)::float8 as refunded_share_minor,
          count(*)::int as sales
        from (${financeTransactions(artistId, payable)}) tx group by currency, finance_status`,
  );
}

/** The latest sales of the artist (succeeded or refunded), newest first. */
export async function latestSales(db: Db, artistId: number, limit: number) {
  return db
    .select({
      licenseType: purchases.licenseType,
      status: purchases.status,
      trackName: tracks.name,
      currency: purchases.currency,
      artistAmountMinor: purchases.artistAmountMinor,
      refundedMinor: purchases.refundedMinor,
      succeededAt: purchases.succeededAt,
      createdAt: purchases.createdAt,
    })
    .from(purchases)
    .leftJoin(tracks, eq(tracks.id, purchases.trackId))
    .where(and(eq(purchases.artistId, artistId), inArray(purchases.status, ['succeeded', 'refunded'])))
    .orderBy(desc(sql`coalesce(${purchases.succeededAt}, ${purchases.createdAt})`), desc(purchases.id))
    .limit(limit);
}

export async function latestPayouts(db: Db, artistId: number, limit: number) {
  return db
    .select({ amountMinor: payouts.amountMinor, currency: payouts.currency, status: payouts.status, createdAt: payouts.createdAt })
    .from(payouts)
    .where(eq(payouts.artistId, artistId))
    .orderBy(desc(payouts.createdAt))
    .limit(limit);
}
