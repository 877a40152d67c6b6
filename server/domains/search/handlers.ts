// Search: the engine ranks ids (server/search/), these handlers load the rows and serialize
// them at the caller's access tier, reusing the catalog's serializers.
import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { notFound } from '../../contract/responses.js';
import { findAlbum } from '../albums/repository.js';
import { serializeAlbumPublic } from '../albums/serializers.js';
import { loadArtistSummaries } from '../artists/repository.js';
import { serializeArtistSummary } from '../artists/serializers.js';
import { findArtist, findTrack } from '../catalog/repository.js';
import { serializeArtistPublic } from '../catalog/serializers.js';
import { albumsAtTier, tracksAtTier } from '../catalog/viewer-tier.js';
import { loadPlaylistDetails } from '../playlists/repository.js';
import { serializePlaylist, serializePlaylistPublic } from '../playlists/serializers.js';
import { serializeUser } from '../users/serializers.js';
import { SEARCH_TYPES, type SearchEngine } from '../../search/engine.js';
import { createPostgresSearchEngine } from '../../search/postgres-engine.js';
import { albumsInOrder, artistsInOrder, playlistsInOrder, tagsInOrder, tracksInOrder, usersInOrder } from '../catalog/rows-in-order.js';
import { relatedAlbumIds, relatedArtistIds, similarTrackIds } from './repository.js';

/** BeatPass's loaders (source-verified docs): the search page gets 20 per type, any other loader 3. */
const SEARCH_PAGE_LOADER = 'searchPage';
const perTypeLimit = (loader: string) => (loader === SEARCH_PAGE_LOADER ? 20 : 3);
const SUGGESTION_LIMIT = 10;
const SIMILAR_TRACKS = 20;
const USER_SEARCH_LIMIT = 10;

export function createSearchHandlers(db: Db, engine: SearchEngine = createPostgresSearchEngine(db)): TagHandlers<'Search'> {
  return {
    async search({ query, auth }) {
      const text = query.query ?? '';
      const loader = query.loader ?? SEARCH_PAGE_LOADER;
      const ranked = await engine.search(text, { types: SEARCH_TYPES, limit: perTypeLimit(loader) });
      const viewer = auth.user;
      const [artistRows, albumRows, trackRows, playlistRows, userRows, tagRows] = await Promise.all([
        artistsInOrder(db, ranked.artists),
        albumsInOrder(db, ranked.albums),
        tracksInOrder(db, ranked.tracks),
        playlistsInOrder(db, ranked.playlists),
        usersInOrder(db, ranked.users),
        tagsInOrder(db, ranked.tags),
      ]);
      const [artists, albums, tracks, playlists] = await Promise.all([
        viewer ? loadArtistSummaries(db, artistRows, viewer.id).then((list) => list.map(serializeArtistSummary)) : artistRows.map(serializeArtistPublic),
        albumsAtTier(db, albumRows, viewer),
        tracksAtTier(db, trackRows, viewer),
        viewer ? loadPlaylistDetails(db, playlistRows, viewer.id).then((list) => list.map(serializePlaylist)) : playlistRows.map(serializePlaylistPublic),
      ]);
      return {
        status: 200,
        body: {
          query: text,
          loader,
          results: {
            artists,
            albums,
            tracks,
            playlists,
            users: userRows.map((u) => serializeUser(u, viewer?.id === u.id)),
            tags: tagRows.map((t) => ({ id: t.id, name: t.name })),
          },
        },
      };
    },

    async suggestArtists({ query }) {
      const rows = await artistsInOrder(db, await engine.suggest('artists', query.query, query.limit ?? SUGGESTION_LIMIT));
      return { status: 200, body: { query: query.query, suggestions: rows.map(serializeArtistPublic) } };
    },

    async suggestAlbums({ query }) {
      const rows = await albumsInOrder(db, await engine.suggest('albums', query.query, query.limit ?? SUGGESTION_LIMIT));
      return { status: 200, body: { query: query.query, suggestions: rows.map(serializeAlbumPublic) } };
    },

    async suggestRelatedArtists({ params, query }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return notFound('Artist');
      const rows = await artistsInOrder(db, await relatedArtistIds(db, artist.id, query.limit ?? SUGGESTION_LIMIT));
      return { status: 200, body: { artist: serializeArtistPublic(artist), suggestions: rows.map(serializeArtistPublic) } };
    },

    async suggestRelatedAlbums({ params, query }) {
      const album = await findAlbum(db, params.album_id);
      if (!album) return notFound('Album');
      const rows = await albumsInOrder(db, await relatedAlbumIds(db, album.id, query.limit ?? SUGGESTION_LIMIT));
      return { status: 200, body: { album: serializeAlbumPublic(album), suggestions: rows.map(serializeAlbumPublic) } };
    },

    async searchSimilarAudio({ params, auth }) {
      // The name slugs are not compared (see the operation's description): the id decides.
      const track = await findTrack(db, params.track_id);
      if (!track) return notFound('Track');
      const similar = await tracksInOrder(db, await similarTrackIds(db, track, SIMILAR_TRACKS));
      const [seed, ...tracks] = await tracksAtTier(db, [track, ...similar], auth.user);
      return { status: 200, body: { track: seed!, tracks } };
    },

    async searchUsers({ query, auth }) {
      const ranked = await engine.search(query.query, { types: ['users'], limit: query.limit ?? USER_SEARCH_LIMIT });
      const rows = await usersInOrder(db, ranked.users);
      return { status: 200, body: { users: rows.map((u) => serializeUser(u, u.id === auth.user.id)) } };
    },
  };
}
