import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { owned, artist_name } = unwrap(await api.GET('/api/v1/artists/{artist_id}/check-ownership', { params: { path: { artist_id: 900000001 } } }));
console.log(owned ? `You manage ${artist_name}.` : `${artist_name} is someone else's profile.`);
