import type { components } from '../../../generated/api.js';
import type { AccountBalance } from '../../payments/provider.js';
import { toMajorUnits } from '../../payments/pricing.js';
import { canBePaid, type EarningsRow, type FinanceStatus, type FinanceTransactionRow, type PayoutAccountRow } from './repository.js';

type Schemas = components['schemas'];
type Currency = Schemas['CurrencyCode'];

/** Every currency BeatPass sells in has cents. */
const MINOR_UNIT_FACTOR = 100;

const currencyOf = (code: string) => code.toUpperCase() as Currency;
const iso = (value: Date | string) => new Date(value).toISOString();

export const saleDescription = (licenseType: string, trackName: string | null): string =>
  `${licenseType === 'exclusive' ? 'Exclusive' : 'Non-exclusive'} license: ${trackName ?? 'a removed track'}`;

export function serializeConnectStatus(provider: 'local' | 'stripe', account: PayoutAccountRow | undefined): Schemas['StripeConnectStatus'] {
  return {
    status: 'success',
    provider,
    legacy: true,
    connected: account !== undefined,
    country: account?.country ?? null,
    details_submitted: account?.detailsSubmitted ?? false,
    charges_enabled: account?.chargesEnabled ?? false,
    payouts_enabled: account?.payoutsEnabled ?? false,
    onboarding_complete: account?.detailsSubmitted === true && canBePaid(account),
    requirements_due: account?.requirementsDue ?? [],
  };
}

export function serializeMajorBalance(balance: AccountBalance): Schemas['StripeConnectFinances']['balance'] {
  const major = (amounts: AccountBalance['available']) => amounts.map((a) => ({ amount: toMajorUnits(a.amountMinor), currency: currencyOf(a.currency) }));
  return { available: major(balance.available), pending: major(balance.pending) };
}

export function serializeMinorBalance(amounts: AccountBalance['available']): Schemas['MinorAmount'][] {
  return amounts.map((a) => ({ amountMinor: a.amountMinor, minorUnitFactor: MINOR_UNIT_FACTOR, currency: currencyOf(a.currency) }));
}

export function serializeFinanceTransaction(row: FinanceTransactionRow): Schemas['FinanceTransaction'] {
  return {
    id: `sale_${row.id}`,
    type: 'sales',
    status: row.finance_status,
    description: saleDescription(row.license_type, row.track_name),
    track: row.track_id !== null && row.track_name !== null ? { id: row.track_id, name: row.track_name } : null,
    licenseType: row.license_type as Schemas['LicenseType'],
    amountMinor: Number(row.net_minor),
    grossAmountMinor: Number(row.total_minor),
    platformFeeMinor: Number(row.platform_fee_minor),
    refundedMinor: Number(row.refunded_minor),
    minorUnitFactor: MINOR_UNIT_FACTOR,
    currency: currencyOf(row.currency),
    occurredAt: iso(row.occurred_at),
    availableAt: row.finance_status === 'refunded' ? null : iso(row.available_at),
  };
}

type Earnings = Schemas['ArtistFinanceSummary']['earnings'][number];
const BUCKETS: Record<Exclude<FinanceStatus, 'refunded'>, keyof Earnings> = {
  waiting: 'waitingMinor',
  sending: 'sendingMinor',
  completed: 'completedMinor',
  needs_attention: 'needsAttentionMinor',
};

export function serializeEarnings(rows: EarningsRow[]): Earnings[] {
  const byCurrency = new Map<string, Earnings>();
  for (const row of rows) {
    const currency = currencyOf(row.currency);
    let entry = byCurrency.get(currency);
    if (!entry) {
      entry = {
        currency,
        minorUnitFactor: MINOR_UNIT_FACTOR,
        lifetimeMinor: 0,
        waitingMinor: 0,
        sendingMinor: 0,
        completedMinor: 0,
        needsAttentionMinor: 0,
        refundedMinor: 0,
      };
      byCurrency.set(currency, entry);
    }
    entry.lifetimeMinor += row.net_minor;
    entry.refundedMinor += row.refunded_share_minor;
    if (row.finance_status !== 'refunded') (entry[BUCKETS[row.finance_status]] as number) += row.net_minor;
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

export function serializeSetup(account: PayoutAccountRow | undefined): Schemas['ArtistFinanceSummary']['setup'] {
  if (!account) return { status: 'not_started', providers: { beatpay: { status: 'unavailable' } }, canResumeStripe: false };
  const active = account.payoutsEnabled && account.requirementsDue.length === 0;
  return {
    status: active ? 'complete' : 'in_progress',
    providers: {
      beatpay: { status: 'unavailable' },
      legacyStripe: {
        status: active ? 'active' : account.detailsSubmitted ? 'restricted' : 'pending',
        country: account.country,
        detailsSubmitted: account.detailsSubmitted,
        payoutsEnabled: account.payoutsEnabled,
        requirementsDue: account.requirementsDue,
      },
    },
    canResumeStripe: false,
  };
}
