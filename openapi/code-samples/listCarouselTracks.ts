import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { tracks } = unwrap(await api.GET('/api/v1/carousel/tracks'));
for (const track of tracks) console.log(track.name, 'likes_count' in track ? `${track.likes_count} likes` : '');
