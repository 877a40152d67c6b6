// Lists at the caller's access tier: a signed-in caller gets the rich form, which needs each
// row's artists, genres, tags (and the caller's own likes) loaded; an anonymous caller gets
// the minimal form straight from the rows.
import type { Db } from '../../db/connection.js';
import { loadAlbumDetails, type AlbumRow } from '../albums/repository.js';
import { serializeAlbum, serializeAlbumPublic } from '../albums/serializers.js';
import { loadTrackDetails } from './repository.js';
import { serializeTrack, serializeTrackPublic } from './serializers.js';

type TrackRow = Parameters<typeof serializeTrackPublic>[0];
type Viewer = { id: number } | null;

export async function tracksAtTier(db: Db, rows: TrackRow[], viewer: Viewer) {
  return viewer ? (await loadTrackDetails(db, rows, viewer.id)).map(serializeTrack) : rows.map(serializeTrackPublic);
}

export async function albumsAtTier(db: Db, rows: AlbumRow[], viewer: Viewer) {
  return viewer ? (await loadAlbumDetails(db, rows, viewer.id)).map(serializeAlbum) : rows.map(serializeAlbumPublic);
}
