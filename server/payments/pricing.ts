// What a license costs and who gets what: the platform fee and the artist's share are worked
// out here and nowhere else, in integer minor units. BeatPass takes its fee out of the price
// (the buyer pays the track's price; the documents' examples show `total_amount` equal to it).

export interface FeePolicy {
  /** The fee's percentage part in basis points (1200 = 12%). */
  rateBps: number;
  /** The fee's flat part in minor units (300 = 3.00). */
  flatMinor: number;
  /** Seller plans whose sales carry no platform fee, by plan id, with the name shown to buyers. */
  waivedPlans: ReadonlyMap<string, string>;
}

/** BeatPass's published fee: 12% + 3.00, no plan waived. */
export const DEFAULT_FEE_POLICY: FeePolicy = { rateBps: 1200, flatMinor: 300, waivedPlans: new Map() };

export interface Pricing {
  trackPriceMinor: number;
  platformFeeMinor: number;
  platformFeeRateBps: number;
  platformFeeFlatMinor: number;
  platformFeeWaived: boolean;
  platformFeePlanId: string | null;
  platformFeePlanName: string | null;
  totalMinor: number;
  artistAmountMinor: number;
  currency: string;
}

/** Prices a sale of `priceMinor` by a seller on `sellerPlan` (null: the free plan). */
export function priceSale(priceMinor: number, currency: string, sellerPlan: string | null, policy: FeePolicy = DEFAULT_FEE_POLICY): Pricing {
  if (!Number.isInteger(priceMinor) || priceMinor < 0) throw new RangeError(`A price must be whole minor units, got ${priceMinor}`);
  const waivedBy = sellerPlan !== null && policy.waivedPlans.has(sellerPlan) ? sellerPlan : null;
  // Half up on the percentage part; the fee never takes more than the price.
  const fee = waivedBy ? 0 : Math.min(priceMinor, Math.floor((priceMinor * policy.rateBps + 5_000) / 10_000) + policy.flatMinor);
  return {
    trackPriceMinor: priceMinor,
    platformFeeMinor: fee,
    platformFeeRateBps: policy.rateBps,
    platformFeeFlatMinor: policy.flatMinor,
    platformFeeWaived: waivedBy !== null,
    platformFeePlanId: waivedBy,
    platformFeePlanName: waivedBy ? policy.waivedPlans.get(waivedBy)! : null,
    totalMinor: priceMinor,
    artistAmountMinor: priceMinor - fee,
    currency,
  };
}

/** Minor units as the contract's decimal major units (2999 → 29.99). */
export const toMajorUnits = (minor: number): number => minor / 100;
