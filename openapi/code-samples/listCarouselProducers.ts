import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { artists } = unwrap(await api.GET('/api/v1/carousel/producers'));
for (const artist of artists) console.log(artist.name);
