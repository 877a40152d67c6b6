import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const finances = unwrap(await api.GET('/api/v1/artist/stripe-connect/finances'));
for (const { amount, currency } of finances.balance.available) console.log(`Available: ${amount} ${currency}`);
for (const movement of finances.transactions) console.log(movement.created_at, movement.type, movement.description, movement.amount);
