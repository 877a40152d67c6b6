import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const details = unwrap(await api.GET('/api/v1/achievements/{achievementId}/details', { params: { path: { achievementId: 'first_listeners' } } }));
console.log(`${details.achievement.name}: ${details.unlocked_count} producers (${details.unlock_rate}%)`);
for (const holder of details.producers) console.log(holder.name, holder.value);
