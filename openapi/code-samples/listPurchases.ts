import { createBeatPassClient, paginate } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

for await (const purchase of paginate(api, '/api/v1/purchases')) {
  console.log(purchase.track_name, purchase.license_type, purchase.status, purchase.total_amount, purchase.license_uuid ?? '-');
}
