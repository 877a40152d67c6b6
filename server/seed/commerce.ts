// Demo commerce: the demo producer is set up for payouts and sells a beat of each kind
// (non-exclusive and exclusive, exclusive only, non-exclusive only); the demo listener has
// bought two licenses already; a coupon (DEMO10) exists. Every commerce list has content,
// and the README's purchase flow runs on the first track below.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { artists, coupons, payoutAccounts, purchases, trackArtists, tracks, users } from '../db/schema.js';
import { issueLicense } from '../domains/licenses/issue.js';
import { pricedColumns } from '../domains/purchases/repository.js';
import { priceSale } from '../payments/pricing.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The demo producer's connected account (the local provider's; no Stripe account behind it). */
export const DEMO_PAYOUT_ACCOUNT = 'acct_1DemoProducer00000';
export const DEMO_COUPON = 'DEMO10';

/**
 * What each of the demo producer's newest tracks offers, newest first: the ones the sandbox
 * gives real audio (demo-audio.ts), so that a buyer can download what they bought.
 */
const OFFERS = [
  // For sale both ways: the README's purchase flow buys its exclusive.
  { licensingType: 'both', priceMinor: 2999, exclusiveStatus: 'available', exclusivePriceMinor: 24999 },
  { licensingType: 'exclusive_only', priceMinor: null, exclusiveStatus: 'available', exclusivePriceMinor: 49999 },
  { licensingType: 'non_exclusive_only', priceMinor: 3499, exclusiveStatus: null, exclusivePriceMinor: null },
  // Bought by the listener below, exclusively: sold.
  { licensingType: 'both', priceMinor: 2499, exclusiveStatus: 'available', exclusivePriceMinor: 19999 },
  // Bought by the listener below, non-exclusively.
  { licensingType: 'non_exclusive_only', priceMinor: 1999, exclusiveStatus: null, exclusivePriceMinor: null },
] as const;

export async function insertCommerce(tx: Tx, producerArtistName: string, producerEmail: string, listenerEmail: string): Promise<void> {
  const [producer] = await tx.select({ id: artists.id }).from(artists).where(eq(artists.name, producerArtistName));
  const [listener] = await tx.select({ id: users.id }).from(users).where(eq(users.email, listenerEmail));
  const [producerUser] = await tx.select({ plan: users.plan }).from(users).where(eq(users.email, producerEmail));
  if (!producer || !listener) return;
  await tx.insert(payoutAccounts).values({
    artistId: producer.id,
    accountId: DEMO_PAYOUT_ACCOUNT,
    country: 'CA',
    detailsSubmitted: true,
    chargesEnabled: true,
    payoutsEnabled: true,
  });
  const own = await tx
    .select({ id: tracks.id })
    .from(trackArtists)
    .innerJoin(tracks, eq(tracks.id, trackArtists.trackId))
    .where(and(eq(trackArtists.artistId, producer.id), eq(trackArtists.position, 0)))
    .orderBy(desc(tracks.createdAt), desc(tracks.id))
    .limit(OFFERS.length);
  for (const [index, track] of own.entries()) {
    const offer = OFFERS[index]!;
    await tx
      .update(tracks)
      .set({
        licensingType: offer.licensingType,
        priceMinor: offer.priceMinor,
        currency: 'USD',
        exclusiveStatus: offer.exclusiveStatus,
        exclusivePriceMinor: offer.exclusivePriceMinor,
        exclusiveCurrency: offer.exclusivePriceMinor === null ? null : 'USD',
        exclusiveContactEmail: offer.exclusiveStatus === null ? null : producerEmail,
      })
      .where(eq(tracks.id, track.id));
  }

  const bought = [
    { track: own[3], licenseType: 'exclusive' as const, priceMinor: OFFERS[3].exclusivePriceMinor, daysAgo: 12 },
    { track: own[4], licenseType: 'non_exclusive' as const, priceMinor: OFFERS[4].priceMinor, daysAgo: 3 },
  ];
  for (const [index, sale] of bought.entries()) {
    if (!sale.track) continue;
    const pricing = priceSale(sale.priceMinor, 'USD', producerUser?.plan ?? null);
    const when = new Date(Date.now() - sale.daysAgo * 86_400_000);
    const [purchase] = await tx
      .insert(purchases)
      .values({
        buyerId: listener.id,
        trackId: sale.track.id,
        artistId: producer.id,
        licenseType: sale.licenseType,
        status: 'succeeded',
        ...pricedColumns(pricing),
        paymentIntentId: `pi_1DemoPurchase${String(index + 1).padStart(10, '0')}`,
        createdAt: when,
        updatedAt: when,
        succeededAt: when,
      })
      .returning();
    if (sale.licenseType === 'exclusive') await tx.update(tracks).set({ exclusiveStatus: 'sold' }).where(eq(tracks.id, sale.track.id));
    await issueLicense(tx, { trackId: sale.track.id, userId: listener.id, licenseType: sale.licenseType, purchaseId: purchase!.id });
  }

  await tx.insert(coupons).values([
    { code: DEMO_COUPON, type: 'percentage', amount: 10 },
    { code: 'WELCOME5', type: 'fixed', amount: 500, productIds: ['plus', 'pro'], expiresAt: new Date(Date.now() + 365 * 86_400_000) },
  ]);
}
