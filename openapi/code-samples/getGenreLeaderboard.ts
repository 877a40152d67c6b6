import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const board = unwrap(await api.GET('/api/v1/leaderboards/genre/{genre}', { params: { path: { genre: 'trap' } } }));
console.log(`Top ${board.genre.display_name} producers`);
for (const entry of board.producers) console.log(`#${entry.rank} ${entry.name}: ${entry.value} plays`);
