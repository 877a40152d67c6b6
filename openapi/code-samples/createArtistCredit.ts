import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// A track found with GET /api/v1/credits/spotify-search, credited with the artist's role on it.
try {
  const { credit } = unwrap(await api.POST('/api/v1/artists/{artist_id}/credits', {
    params: { path: { artist_id: 900000001 } },
    body: {
      title: 'Late Checkout',
      role: 'Producer',
      release_artists: ['Rae Castillo', 'Yung Tidal'],
      album_name: 'Blue Hour',
      release_date: '2026-03-13',
      spotify_track_id: '3n3Ppam7vgaVa1iaRUc9Lp',
      spotify_url: 'https://open.spotify.com/track/3n3Ppam7vgaVa1iaRUc9Lp',
    },
  }));
  console.log('added at position', credit.position);
} catch (err) {
  // 422: e.g. the artist already has a Producer credit for this track.
  if (err instanceof BeatPassError && err.status === 422) console.log(err.fieldErrors);
  else throw err;
}
