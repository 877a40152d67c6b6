import { createBeatPassClient, unwrap } from '../../client/index.js';

// With a token each artist carries its follower count and whether you follow it.
const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { artists } = unwrap(await api.GET('/api/v1/landing/artists'));
for (const artist of artists) console.log(artist.name, 'followers_count' in artist ? `${artist.followers_count} followers` : '');
