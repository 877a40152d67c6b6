import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// After confirming the payment, wait for the webhook to complete the purchase.
let status = unwrap(await api.GET('/api/v1/tracks/{track_id}/purchase/status', { params: { path: { track_id: 900000001 } } }));
while (status.purchase_status === 'pending') {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  status = unwrap(await api.GET('/api/v1/tracks/{track_id}/purchase/status', { params: { path: { track_id: 900000001 } } }));
}
console.log(status.purchase_status, status.failure_message ?? '');
