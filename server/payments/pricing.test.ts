import { describe, expect, it } from 'vitest';
import { DEFAULT_FEE_POLICY, priceSale } from './pricing.js';

describe('priceSale', () => {
  it('takes 12% + 3.00 out of the price, half up to the cent, and the artist gets the rest', () => {
    expect(priceSale(24999, 'USD', null)).toMatchObject({ platformFeeMinor: 3300, artistAmountMinor: 21699, totalMinor: 24999 });
    // 12% of 29.99 is 3.5988: 3.60 + 3.00.
    expect(priceSale(2999, 'USD', null)).toMatchObject({ platformFeeMinor: 660, artistAmountMinor: 2339 });
    // 12% of 10.63 is 1.2756 → 1.28; of 10.62, 1.2744 → 1.27.
    expect(priceSale(1063, 'USD', null).platformFeeMinor).toBe(128 + 300);
    expect(priceSale(1062, 'USD', null).platformFeeMinor).toBe(127 + 300);
  });

  it('never takes more than the price', () => {
    expect(priceSale(200, 'USD', null)).toMatchObject({ platformFeeMinor: 200, artistAmountMinor: 0 });
    expect(priceSale(0, 'USD', null)).toMatchObject({ platformFeeMinor: 0, artistAmountMinor: 0 });
  });

  it('waives the fee for the plans the policy names, saying which', () => {
    const policy = { ...DEFAULT_FEE_POLICY, waivedPlans: new Map([['pro', 'Pro']]) };
    expect(priceSale(24999, 'USD', 'pro', policy)).toMatchObject({
      platformFeeMinor: 0,
      artistAmountMinor: 24999,
      platformFeeWaived: true,
      platformFeePlanId: 'pro',
      platformFeePlanName: 'Pro',
    });
    expect(priceSale(24999, 'USD', 'plus', policy)).toMatchObject({ platformFeeWaived: false, platformFeeMinor: 3300 });
  });

  it('refuses a price that is not whole minor units', () => {
    expect(() => priceSale(29.99, 'USD', null)).toThrow(RangeError);
    expect(() => priceSale(-1, 'USD', null)).toThrow(RangeError);
  });
});
