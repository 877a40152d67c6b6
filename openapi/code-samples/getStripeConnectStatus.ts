import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Stripe Connect is BeatPass's legacy payout setup.
const status = unwrap(await api.GET('/api/v1/artist/stripe-connect/status'));
if (!status.connected) console.log('Payouts are not set up yet');
else if (!status.onboarding_complete) console.log('Still asked for:', status.requirements_due);
else console.log(`Payouts enabled (${status.country})`);
