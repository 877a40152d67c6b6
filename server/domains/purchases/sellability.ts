// Whether a buyer may buy a license for a track, and at what price: the one set of rules
// that calculate-price, initiate and purchase status all answer with.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { artists, payoutAccounts, purchases, trackArtists, tracks, users } from '../../db/schema.js';
import type { CommerceSettings } from '../../payments/commerce.js';
import { priceSale, type Pricing } from '../../payments/pricing.js';
import { editableTrackIds } from '../catalog/permissions.js';
import type { LicenseType } from '../licenses/issue.js';

export type RefusalCode = 'purchases_disabled' | 'own_track' | 'already_purchased' | 'exclusive_sold' | 'artist_not_payout_ready' | 'not_for_sale';

export interface Refusal {
  status: 403 | 410 | 422;
  code: RefusalCode;
  message: string;
}

export interface Sale {
  trackId: number;
  artistId: number;
  licenseType: LicenseType;
  pricing: Pricing;
  /** The seller's payout account the artist's share goes to. */
  payoutAccountId: string;
}

const REFUSALS: Record<RefusalCode, Refusal> = {
  purchases_disabled: { status: 403, code: 'purchases_disabled', message: 'Track purchases are not enabled.' },
  own_track: { status: 422, code: 'own_track', message: 'You cannot purchase your own track.' },
  already_purchased: { status: 422, code: 'already_purchased', message: 'You have already purchased this track.' },
  exclusive_sold: { status: 410, code: 'exclusive_sold', message: 'The exclusive license for this track has already been sold.' },
  artist_not_payout_ready: {
    status: 422,
    code: 'artist_not_payout_ready',
    message: 'The artist has not set up payments yet, so this track cannot be purchased.',
  },
  not_for_sale: { status: 422, code: 'not_for_sale', message: 'This track is not for sale with this license.' },
};

const refuse = (code: RefusalCode) => ({ refusal: REFUSALS[code] });

type TrackRow = typeof tracks.$inferSelect;

const exclusiveForSale = (track: TrackRow) =>
  track.licensingType !== 'non_exclusive_only' && track.exclusiveStatus === 'available' && track.exclusivePriceMinor !== null;
const nonExclusiveForSale = (track: TrackRow) => track.licensingType !== 'exclusive_only' && track.priceMinor !== null && track.exclusiveStatus !== 'sold';

/** The license a purchase means when the buyer names none: the exclusive while it is offered. */
export const defaultLicenseType = (track: TrackRow): LicenseType => (exclusiveForSale(track) ? 'exclusive' : 'non_exclusive');

/** The track, or undefined when there is none. */
export async function findTrack(db: Db, trackId: number): Promise<TrackRow | undefined> {
  const [track] = await db.select().from(tracks).where(eq(tracks.id, trackId));
  return track;
}

/**
 * The sale the buyer may make, or why not. Checked in the order a buyer can act on: a
 * license they hold first, then what the track and its artist allow.
 */
export async function checkSale(
  db: Db,
  commerce: CommerceSettings,
  track: TrackRow,
  buyerId: number,
  requested: LicenseType | undefined,
): Promise<{ sale: Sale } | { refusal: Refusal }> {
  if (!commerce.purchasesEnabled) return refuse('purchases_disabled');
  const licenseType = requested ?? defaultLicenseType(track);
  if ((await editableTrackIds(db, buyerId, [track.id])).has(track.id)) return refuse('own_track');
  const [held] = await db
    .select({ id: purchases.id })
    .from(purchases)
    .where(and(eq(purchases.buyerId, buyerId), eq(purchases.trackId, track.id), eq(purchases.licenseType, licenseType), eq(purchases.status, 'succeeded')))
    .limit(1);
  if (held) return refuse('already_purchased');
  if (track.exclusiveStatus === 'sold') return refuse('exclusive_sold');
  if (licenseType === 'exclusive' ? !exclusiveForSale(track) : !nonExclusiveForSale(track)) return refuse('not_for_sale');

  const [seller] = await db
    .select({
      artistId: artists.id,
      plan: users.plan,
      accountId: payoutAccounts.accountId,
      chargesEnabled: payoutAccounts.chargesEnabled,
      payoutsEnabled: payoutAccounts.payoutsEnabled,
    })
    .from(trackArtists)
    .innerJoin(artists, eq(artists.id, trackArtists.artistId))
    .leftJoin(users, eq(users.id, artists.userId))
    .leftJoin(payoutAccounts, eq(payoutAccounts.artistId, artists.id))
    .where(eq(trackArtists.trackId, track.id))
    .orderBy(trackArtists.position)
    .limit(1);
  if (!seller?.accountId || !seller.chargesEnabled || !seller.payoutsEnabled) return refuse('artist_not_payout_ready');

  const priceMinor = licenseType === 'exclusive' ? track.exclusivePriceMinor! : track.priceMinor!;
  const currency = licenseType === 'exclusive' ? (track.exclusiveCurrency ?? 'USD') : track.currency;
  return {
    sale: {
      trackId: track.id,
      artistId: seller.artistId,
      licenseType,
      pricing: priceSale(priceMinor, currency, seller.plan ?? null, commerce.feePolicy),
      payoutAccountId: seller.accountId,
    },
  };
}
