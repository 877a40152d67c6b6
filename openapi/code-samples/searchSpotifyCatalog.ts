import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  const { tracks } = unwrap(await api.GET('/api/v1/credits/spotify-search', { params: { query: { query: 'late checkout rae castillo', type: 'track', limit: 5 } } }));
  for (const track of tracks) console.log(track.name, '·', track.artists.join(', '), '·', track.album.name);
} catch (err) {
  // 503: Spotify is down or slow (the client has already retried after Retry-After).
  if (err instanceof BeatPassError && err.status === 503) console.log('Spotify search is unavailable, try again later');
  else throw err;
}
