import { createBeatPassClient, paginate } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Lyrics are personal: this lists the caller's own, most recently updated first.
for await (const lyric of paginate(api, '/api/v1/lyrics', { params: { query: { per_page: 50 } } })) {
  console.log(lyric.id, lyric.track.name, lyric.synced ? 'LRC' : 'plain text');
}
