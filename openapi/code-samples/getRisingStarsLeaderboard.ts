import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { producers } = unwrap(await api.GET('/api/v1/leaderboards/rising-stars'));
for (const entry of producers) console.log(`#${entry.rank} ${entry.name}: ${entry.value} plays in the last 30 days`);
