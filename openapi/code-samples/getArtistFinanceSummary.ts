import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const summary = unwrap(await api.GET('/api/v1/artists/{artist_id}/finances/summary', { params: { path: { artist_id: 900000001 } } }));
console.log('Payout setup:', summary.setup.status);
for (const earnings of summary.earnings) {
  const major = (minor: number) => (minor / earnings.minorUnitFactor).toFixed(2);
  console.log(`${earnings.currency}: ${major(earnings.lifetimeMinor)} earned, ${major(earnings.completedMinor)} paid out`);
}
if (summary.needsAttentionCount > 0) console.log(`${summary.needsAttentionCount} sales wait for you to set up payouts`);
