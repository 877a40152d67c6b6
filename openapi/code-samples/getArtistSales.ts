import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { data } = unwrap(await api.GET('/api/v1/artist/sales'));
console.log(`${data.earnings.total_sales} sales, ${data.earnings.total_revenue_formatted} earned`);
for (const sale of data.recent_purchases) console.log(sale.purchased_at, sale.track_name, sale.artist_amount);
