import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Every completed sale, 20 at a time.
for (let page = 1; ; page++) {
  const { transactions, pagination } = unwrap(await api.GET('/api/v1/artists/{artist_id}/finances/transactions', {
    params: { path: { artist_id: 900000001 }, query: { status: 'completed', type: 'sales', page, per_page: 20 } },
  }));
  for (const tx of transactions) console.log(tx.occurredAt, tx.description, (tx.amountMinor / tx.minorUnitFactor).toFixed(2), tx.currency);
  if (!pagination.hasMore) break;
}
