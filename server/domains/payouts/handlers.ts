import { findManagedArtist } from '../catalog/permissions.js';
import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { forbidden, invalidField, notFound, unavailable } from '../../contract/responses.js';
import { findArtist } from '../catalog/repository.js';
import type { CommerceSettings } from '../../payments/commerce.js';
import { toMajorUnits } from '../../payments/pricing.js';
import { PaymentProviderError, type AccountBalance } from '../../payments/provider.js';
import {
  canBePaid,
  financeTotals,
  findPayoutAccount,
  insertPayoutAccount,
  latestPayouts,
  latestSales,
  listFinanceTransactions,
  syncPayoutAccount,
  type TransactionFilters,
} from './repository.js';
import {
  saleDescription,
  serializeConnectStatus,
  serializeEarnings,
  serializeFinanceTransaction,
  serializeMajorBalance,
  serializeMinorBalance,
  serializeSetup,
} from './serializers.js';

/** Countries payouts are offered in (Stripe Express countries BeatPass's producers are in). */
export const PAYOUT_COUNTRIES: ReadonlySet<string> = new Set([
  'AT',
  'AU',
  'BE',
  'CA',
  'CH',
  'DE',
  'DK',
  'ES',
  'FI',
  'FR',
  'GB',
  'IE',
  'IT',
  'LU',
  'NL',
  'NO',
  'NZ',
  'PT',
  'SE',
  'US',
]);

/** How many sales and payouts the older finances route lists. */
const LATEST_MOVEMENTS = 20;

const noArtistProfile = () => ({
  status: 404 as const,
  body: { error: 'no_artist_profile' as const, message: 'You need an artist profile to set up payouts.' },
});

const providerDown = () => unavailable('The payment provider is unavailable. Please retry shortly.', 30);

/** Runs a provider call; its failure becomes `undefined` so the handler can answer 503. */
async function fromProvider<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof PaymentProviderError) return undefined;
    throw err;
  }
}

/** The legacy `filter`: a type or a status, read only when neither `status` nor `type` is sent. */
function transactionFilters(query: { status?: TransactionFilters['status']; type?: TransactionFilters['type']; filter?: string }): TransactionFilters {
  if (query.status !== undefined || query.type !== undefined) return { status: query.status ?? 'all', type: query.type ?? 'all' };
  const filter = query.filter ?? 'all';
  if (filter === 'sales' || filter === 'subscriptions') return { status: 'all', type: filter };
  return { status: filter as TransactionFilters['status'], type: 'all' };
}

export function createPayoutHandlers(db: Db, commerce: CommerceSettings): TagHandlers<'Payouts'> {
  const provider = commerce.provider;

  /** The artist at `artistId` when the caller manages it, else the refusal. */
  async function managedArtist(artistId: number, userId: number) {
    const artist = await findArtist(db, artistId);
    if (!artist) return notFound('Artist');
    if (artist.userId !== userId) return forbidden('You do not manage this artist.');
    return { artist };
  }

  return {
    async getStripeConnectStatus({ auth }) {
      const artist = await findManagedArtist(db, auth.user.id);
      if (!artist) return noArtistProfile();
      let account = await findPayoutAccount(db, artist.id);
      if (account) {
        const current = await fromProvider(() => provider.retrieveAccount(account!.accountId));
        if (!current) return providerDown();
        account = await syncPayoutAccount(db, artist.id, current);
      }
      return { status: 200, body: serializeConnectStatus(provider.kind, account) };
    },

    async startStripeConnectOnboarding({ body, auth }) {
      const artist = await findManagedArtist(db, auth.user.id);
      if (!artist) return noArtistProfile();
      if (!commerce.purchasesEnabled) {
        return { status: 403, body: { error: 'onboarding_disabled', message: 'Stripe Connect onboarding is currently disabled.' } };
      }
      const country = body.country.trim().toUpperCase();
      if (!/^[A-Z]{2}$/.test(country)) return invalidField('country', 'The country field must be a two-letter country code.');
      if (!PAYOUT_COUNTRIES.has(country)) return invalidField('country', 'Payouts are not available in the selected country.');

      let account = await findPayoutAccount(db, artist.id);
      if (account && account.country !== country) {
        return invalidField('country', `Your payout account was created for ${account.country}; its country cannot be changed.`);
      }
      if (!account) {
        const created = await fromProvider(() => provider.createConnectedAccount({ country, email: auth.user.email, artistId: artist.id }));
        if (!created) return providerDown();
        account = await insertPayoutAccount(db, artist.id, country, created);
      }
      // The artist comes back to this site; where exactly is the frontend's business.
      const origin = new URL(auth.url).origin;
      const accountId = account.accountId;
      const link = await fromProvider(() =>
        provider.createOnboardingLink(accountId, {
          returnUrl: `${origin}/artist/finances?onboarding=complete`,
          refreshUrl: `${origin}/artist/finances?onboarding=refresh`,
        }),
      );
      if (!link) return providerDown();
      return { status: 200, body: { status: 'success', url: link.url, expires_at: link.expiresAt.toISOString() } };
    },

    async getStripeConnectFinances({ auth }) {
      const artist = await findManagedArtist(db, auth.user.id);
      if (!artist) return noArtistProfile();
      const account = await findPayoutAccount(db, artist.id);
      let balance: AccountBalance = { available: [], pending: [] };
      if (account) {
        const current = await fromProvider(() => provider.retrieveBalance(account.accountId));
        if (!current) return providerDown();
        balance = current;
      }
      const [sales, paid] = await Promise.all([latestSales(db, artist.id, LATEST_MOVEMENTS), latestPayouts(db, artist.id, LATEST_MOVEMENTS)]);
      const movements = [
        ...sales.map((sale) => ({
          type: 'sale' as const,
          status: sale.status as 'succeeded' | 'refunded',
          description: saleDescription(sale.licenseType, sale.trackName),
          amountMinor: sale.artistAmountMinor - Math.min(sale.refundedMinor, sale.artistAmountMinor),
          currency: sale.currency,
          at: sale.succeededAt ?? sale.createdAt,
        })),
        ...paid.map((payout) => ({
          type: 'payout' as const,
          status: payout.status as 'pending' | 'paid' | 'failed',
          description: 'Payout to your bank account',
          amountMinor: payout.amountMinor,
          currency: payout.currency,
          at: payout.createdAt,
        })),
      ]
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .slice(0, LATEST_MOVEMENTS);
      return {
        status: 200,
        body: {
          status: 'success',
          connected: account !== undefined,
          payouts_enabled: account?.payoutsEnabled ?? false,
          balance: serializeMajorBalance(balance),
          transactions: movements.map((m) => ({
            type: m.type,
            status: m.status,
            description: m.description,
            amount: toMajorUnits(m.amountMinor),
            currency: m.currency.toUpperCase() as 'USD',
            created_at: m.at.toISOString(),
          })),
        },
      };
    },

    async getArtistFinanceSummary({ params, auth }) {
      const found = await managedArtist(params.artist_id, auth.user.id);
      if (!('artist' in found)) return found;
      const account = await findPayoutAccount(db, found.artist.id);
      const totals = await financeTotals(db, found.artist.id, canBePaid(account));
      return {
        status: 200,
        body: {
          artistId: found.artist.id,
          setup: serializeSetup(account),
          earnings: serializeEarnings(totals),
          needsAttentionCount: totals.filter((t) => t.finance_status === 'needs_attention').reduce((n, t) => n + t.sales, 0),
          calculatedAt: new Date().toISOString(),
        },
      };
    },

    async listArtistFinanceTransactions({ params, query, page, auth }) {
      const found = await managedArtist(params.artist_id, auth.user.id);
      if (!('artist' in found)) return found;
      const account = await findPayoutAccount(db, found.artist.id);
      const filters = transactionFilters(query);
      const { rows, total } = await listFinanceTransactions(db, found.artist.id, canBePaid(account), filters, page);
      const from = rows.length > 0 ? page.offset + 1 : null;
      return {
        status: 200,
        body: {
          transactions: rows.map(serializeFinanceTransaction),
          filters,
          pagination: {
            page: page.page,
            perPage: page.perPage,
            total,
            from,
            to: from === null ? null : from + rows.length - 1,
            hasPrevious: page.page > 1,
            hasMore: page.page * page.perPage < total,
          },
        },
      };
    },

    async getArtistProviderBalance({ params, auth }) {
      const found = await managedArtist(params.artist_id, auth.user.id);
      if (!('artist' in found)) return found;
      const account = await findPayoutAccount(db, found.artist.id);
      let balance: AccountBalance = { available: [], pending: [] };
      if (account) {
        const current = await fromProvider(() => provider.retrieveBalance(account.accountId));
        if (!current) return providerDown();
        balance = current;
      }
      return {
        status: 200,
        body: {
          provider: provider.kind,
          legacy: true,
          connected: account !== undefined,
          available: serializeMinorBalance(balance.available),
          pending: serializeMinorBalance(balance.pending),
          retrievedAt: new Date().toISOString(),
        },
      };
    },
  };
}
