import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { lyric } = unwrap(await api.PUT('/api/v1/lyrics/{lyric_id}', {
  params: { path: { lyric_id: 900000001 } },
  body: { text: 'Verse 1\nWoke up with a melody stuck in my head', synced: false },
}));
console.log(lyric.updated_at);
