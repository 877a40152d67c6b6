import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Deprecated path: new code calls POST /api/v1/billing/coupons/validate, which answers the same.
const result = unwrap(await api.POST('/api/v1/coupons/validate', { body: { code: 'DEMO10', product_id: 'plus', amount: 45 } }));
console.log(result.coupon.type, result.coupon.amount, result.final_amount);
