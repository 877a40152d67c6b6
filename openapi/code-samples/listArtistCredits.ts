import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

// The whole portfolio in one response, in the order the artist chose.
const { credits } = unwrap(await api.GET('/api/v1/artists/{artist_id}/credits', { params: { path: { artist_id: 900000001 } } }));
for (const credit of credits) console.log(`${credit.title} (${credit.role}) on ${credit.album_name ?? 'a single'}`);
