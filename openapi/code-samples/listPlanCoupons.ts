import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { coupons } = unwrap(await api.GET('/api/v1/plans/{plan_id}/coupons', { params: { path: { plan_id: 'pro' } } }));
console.log(coupons.map((coupon) => `${coupon.code} (${coupon.type})`));
