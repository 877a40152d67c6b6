import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { lyric } = unwrap(await api.GET('/api/v1/tracks/{track_id}/lyrics', { params: { path: { track_id: 900000001 } } }));
if (lyric === null) console.log('No lyrics yet: POST /api/v1/lyrics');
else console.log(lyric.synced ? 'LRC' : 'plain text', lyric.text);
