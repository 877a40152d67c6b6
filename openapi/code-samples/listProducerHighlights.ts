import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { highlights } = unwrap(await api.GET('/api/v1/producer-highlights'));
for (const highlight of highlights) console.log(`${highlight.title}: ${highlight.artist.name} (${highlight.value} in ${highlight.period_days} days)`);
