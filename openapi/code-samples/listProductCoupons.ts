import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { coupons } = unwrap(await api.GET('/api/v1/coupons/available-for-product/{product}', { params: { path: { product: 'plus' } } }));
console.log(coupons.map((coupon) => coupon.code));
