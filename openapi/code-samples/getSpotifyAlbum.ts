import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// An ID, a spotify:album: URI or a link copied from the Spotify app.
const { album } = unwrap(await api.GET('/api/v1/credits/spotify-album', {
  params: { query: { id: 'https://open.spotify.com/album/4aawyAB9vmqN3uQ7FjRGTy' } },
}));
console.log(album.name, album.label, album.tracks.map((t) => `${t.track_number}. ${t.name}`));
