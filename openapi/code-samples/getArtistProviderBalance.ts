import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const balance = unwrap(await api.GET('/api/v1/artists/{artist_id}/finances/provider-balance', { params: { path: { artist_id: 900000001 } } }));
for (const { amountMinor, minorUnitFactor, currency } of balance.available) console.log(`Available: ${amountMinor / minorUnitFactor} ${currency}`);
for (const { amountMinor, minorUnitFactor, currency } of balance.pending) console.log(`Pending: ${amountMinor / minorUnitFactor} ${currency}`);
