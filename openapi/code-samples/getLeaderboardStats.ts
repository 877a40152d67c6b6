import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const stats = unwrap(await api.GET('/api/v1/leaderboard/stats'));
console.log(`${stats.total_producers} producers, ${stats.total_plays} plays, ${stats.active_producers} active in the last ${stats.period_days} days`);
for (const tier of stats.tiers) console.log(tier.tier, tier.producers);
