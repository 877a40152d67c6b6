import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Credit the tracks of a Spotify album the artist produced, all or nothing.
const { album } = unwrap(await api.GET('/api/v1/credits/spotify-album', { params: { query: { id: '4aawyAB9vmqN3uQ7FjRGTy' } } }));
const { credits } = unwrap(await api.POST('/api/v1/artists/{artist_id}/credits/album', {
  params: { path: { artist_id: 900000001 } },
  body: {
    role: 'Producer',
    album_name: album.name,
    release_artists: album.artists,
    release_date: album.release_date,
    image: album.image,
    spotify_album_id: album.spotify_id,
    spotify_url: album.spotify_url,
    tracks: album.tracks.map((track) => ({
      title: track.name, release_artists: track.artists, spotify_track_id: track.spotify_id, spotify_url: track.spotify_url,
    })),
  },
}));
console.log(`${credits.length} credits added`);
