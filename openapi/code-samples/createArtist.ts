import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { artist } = unwrap(await api.POST('/api/v1/artists', { body: { name: 'Nova Beats', description: 'Dark trap from Toronto.' } }));
console.log(artist.id, artist.bio);
