// Buying a license: price, checkout (a payment intent with the provider), status, the
// buyer's purchases and the artist's sales. The license itself is issued by the webhook.
import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { forbidden, notFound } from '../../contract/responses.js';
import type { CommerceSettings } from '../../payments/commerce.js';
import { toMajorUnits } from '../../payments/pricing.js';
import { PaymentProviderError } from '../../payments/provider.js';
import { managedArtistIds } from '../catalog/permissions.js';
import { licenseTermsFor } from '../licenses/issue.js';
import { artistSales, attachPaymentIntent, buyerPurchases, failPurchase, latestPurchase, openPurchase } from './repository.js';
import { checkSale, defaultLicenseType, findTrack, type Refusal, type Sale } from './sellability.js';
import { formatMoney, serializePricing, serializePurchase } from './serializers.js';

const PROVIDER_UNAVAILABLE = 'The payment provider is unavailable. Nothing was charged; please retry shortly.';

const refused = <S extends Refusal['status']>(refusal: Refusal & { status: S }) => ({
  status: refusal.status,
  body: { message: refusal.message, reason_code: refusal.code },
});

export function createPurchaseHandlers(db: Db, commerce: CommerceSettings): TagHandlers<'Purchases'> {
  /** The sale, or the answer that refuses it. */
  async function saleOf(trackId: number, buyerId: number, requested: Sale['licenseType'] | undefined) {
    const track = await findTrack(db, trackId);
    if (!track) return { answer: notFound('Track') };
    const checked = await checkSale(db, commerce, track, buyerId, requested);
    if ('refusal' in checked) return { answer: refused(checked.refusal) };
    const terms = await licenseTermsFor(db, track.id, track.exclusiveLicensePresetId, checked.sale.licenseType);
    return { sale: checked.sale, terms };
  }

  return {
    async calculateTrackPurchasePrice({ params, body, auth }) {
      const found = await saleOf(params.track_id, auth.user.id, body?.license_type);
      if (found.answer) return found.answer;
      return { status: 200, body: { status: 'success', ...serializePricing(found.sale.licenseType, found.sale.pricing, found.terms) } };
    },

    async initiateTrackPurchase({ params, body, auth }) {
      const found = await saleOf(params.track_id, auth.user.id, body?.license_type);
      if (found.answer) return found.answer;
      const { sale } = found;
      const purchase = await openPurchase(db, auth.user.id, sale);
      let intent: { id: string; clientSecret: string };
      try {
        intent = purchase.paymentIntentId
          ? await commerce.provider.retrievePaymentIntent(purchase.paymentIntentId)
          : await commerce.provider.createPaymentIntent({
              amountMinor: sale.pricing.totalMinor,
              currency: sale.pricing.currency,
              destinationAccountId: sale.payoutAccountId,
              applicationFeeMinor: sale.pricing.platformFeeMinor,
              metadata: { purchase_id: String(purchase.id), track_id: String(sale.trackId), buyer_id: String(auth.user.id), license_type: sale.licenseType },
              idempotencyKey: `purchase-${purchase.id}`,
            });
      } catch (err) {
        if (!(err instanceof PaymentProviderError)) throw err;
        if (!purchase.paymentIntentId) await failPurchase(db, purchase.id, PROVIDER_UNAVAILABLE);
        return { status: 503, headers: { 'Retry-After': '5' }, body: { message: PROVIDER_UNAVAILABLE } };
      }
      if (!purchase.paymentIntentId) await attachPaymentIntent(db, purchase.id, intent.id);
      return {
        status: 200,
        body: {
          status: 'success',
          client_secret: intent.clientSecret,
          purchase_id: purchase.id,
          payment_intent_id: intent.id,
          pricing: serializePricing(sale.licenseType, sale.pricing, found.terms),
        },
      };
    },

    async getTrackPurchaseStatus({ params, query, auth }) {
      const track = await findTrack(db, params.track_id);
      if (!track) return notFound('Track');
      // Without a license type: the one the caller last bought or tried, else what a purchase would be.
      const latest = await latestPurchase(db, auth.user.id, track.id, query.license_type);
      const licenseType = query.license_type ?? (latest?.licenseType as Sale['licenseType'] | undefined) ?? defaultLicenseType(track);
      const checked = await checkSale(db, commerce, track, auth.user.id, licenseType);
      const refusal = 'refusal' in checked ? checked.refusal : null;
      return {
        status: 200,
        body: {
          status: 'success',
          can_purchase: refusal === null,
          has_purchased: refusal?.code === 'already_purchased',
          purchase_status: (latest?.status as 'pending' | 'succeeded' | 'failed' | 'refunded' | undefined) ?? null,
          purchase_id: latest?.id ?? null,
          failure_message: latest?.failureMessage ?? null,
          reason: refusal?.message ?? null,
          reason_code: refusal?.code ?? null,
        },
      };
    },

    async listPurchases({ auth, page }) {
      const { rows, total } = await buyerPurchases(db, auth.user.id, page.offset, page.perPage);
      return { status: 200, body: { status: 'success', purchases: page.lengthAware(rows.map(serializePurchase), total) } };
    },

    async getArtistSales({ auth }) {
      // One artist profile per account (a unique index), so the first is the only one.
      const [artistId] = await managedArtistIds(db, auth.user.id);
      if (artistId === undefined) return forbidden('Only artists have sales: this account manages no artist profile.');
      const sales = await artistSales(db, artistId);
      return {
        status: 200,
        body: {
          status: 'success',
          data: {
            earnings: {
              total_sales: sales.totalSales,
              total_revenue: toMajorUnits(sales.revenueMinor),
              total_revenue_formatted: formatMoney(sales.revenueMinor, sales.currency),
              pending_payout: toMajorUnits(Math.max(0, sales.revenueMinor - sales.paidOutMinor)),
              paid_out: toMajorUnits(sales.paidOutMinor),
              currency: sales.currency as 'USD',
            },
            recent_purchases: sales.recent.map(serializePurchase),
          },
        },
      };
    },
  };
}
