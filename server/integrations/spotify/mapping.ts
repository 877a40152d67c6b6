// Spotify's Web API objects → this API's documented shapes. Spotify's JSON is not trusted: an
// item missing what we need is dropped (search results sometimes hold `null` items), odd
// values fall back to safe ones, and nothing of Spotify's payload is passed through as is.
// Values beyond the spec's bounds count as odd: the contract's limits hold whatever Spotify sends.
import type { SpotifyAlbum, SpotifyAlbumSummary, SpotifyTrackResult } from './catalog.js';

type Json = Record<string, unknown>;
type AlbumType = SpotifyAlbumSummary['album_type'];
type Precision = SpotifyAlbumSummary['release_date_precision'];

const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;
const RELEASE_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const ALBUM_TYPES: readonly AlbumType[] = ['album', 'single', 'compilation'];
const PRECISIONS: readonly NonNullable<Precision>[] = ['year', 'month', 'day'];

const object = (value: unknown): Json | null => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** The spec's bounds for what Spotify names: a name like a BeatPass title, an ISRC, a URL, a count, a list of artists. */
const MAX_NAME = 255;
const MAX_ISRC = 32;
const MAX_URL = 2048;
const MAX_COUNT = 2_147_483_647;
const MAX_ARTISTS = 50;

const text = (value: unknown, maxLength = MAX_NAME): string | null =>
  typeof value === 'string' && value.trim() !== '' && value.length <= maxLength ? value : null;
const count = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_COUNT ? value : 0);
const spotifyId = (value: unknown): string | null => (typeof value === 'string' && SPOTIFY_ID.test(value) ? value : null);

function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.href.length <= MAX_URL ? url.href : null;
  } catch {
    return null;
  }
}

/** The page on open.spotify.com, built from the ID when Spotify's own link is missing or odd. */
function openUrl(raw: Json, kind: 'track' | 'album', id: string): string {
  return httpUrl(object(raw.external_urls)?.spotify) ?? `https://open.spotify.com/${kind}/${id}`;
}

function artistNames(value: unknown): string[] {
  return list(value)
    .map((a) => text(object(a)?.name))
    .filter((name): name is string => name !== null)
    .slice(0, MAX_ARTISTS);
}

/** The widest cover (Spotify usually lists 640, 300 and 64 px). */
function largestImage(value: unknown): string | null {
  let best: { url: string; width: number } | null = null;
  for (const item of list(value)) {
    const image = object(item);
    const url = httpUrl(image?.url);
    if (!url) continue;
    const width = count(image?.width);
    if (!best || width > best.width) best = { url, width };
  }
  return best?.url ?? null;
}

/** Spotify writes "0000" for an unknown year. */
function releaseDate(raw: Json): { release_date: string | null; release_date_precision: Precision } {
  const date = typeof raw.release_date === 'string' && RELEASE_DATE.test(raw.release_date) && !raw.release_date.startsWith('0000') ? raw.release_date : null;
  const precision = PRECISIONS.find((p) => p === raw.release_date_precision) ?? null;
  return { release_date: date, release_date_precision: date ? precision : null };
}

function albumType(value: unknown): AlbumType {
  const lower = typeof value === 'string' ? value.toLowerCase() : '';
  return ALBUM_TYPES.find((t) => t === lower) ?? 'album';
}

export function toTrackResult(value: unknown): SpotifyTrackResult | null {
  const raw = object(value);
  const album = object(raw?.album);
  const id = spotifyId(raw?.id);
  const albumId = spotifyId(album?.id);
  const name = text(raw?.name);
  const albumName = text(album?.name);
  if (!raw || !album || !id || !albumId || !name || !albumName) return null;
  return {
    spotify_id: id,
    name,
    artists: artistNames(raw.artists),
    album: { spotify_id: albumId, name: albumName, album_type: albumType(album.album_type), ...releaseDate(album), image: largestImage(album.images) },
    track_number: count(raw.track_number),
    disc_number: count(raw.disc_number),
    duration_ms: count(raw.duration_ms),
    explicit: raw.explicit === true,
    isrc: text(object(raw.external_ids)?.isrc, MAX_ISRC),
    spotify_url: openUrl(raw, 'track', id),
  };
}

export function toAlbumSummary(value: unknown): SpotifyAlbumSummary | null {
  const raw = object(value);
  const id = spotifyId(raw?.id);
  const name = text(raw?.name);
  if (!raw || !id || !name) return null;
  return {
    spotify_id: id,
    name,
    album_type: albumType(raw.album_type),
    artists: artistNames(raw.artists),
    ...releaseDate(raw),
    total_tracks: count(raw.total_tracks),
    image: largestImage(raw.images),
    spotify_url: openUrl(raw, 'album', id),
  };
}

/** The album of `GET /albums/{id}` with its first page of tracks; null when it lacks an ID or a name. */
export function toAlbum(value: unknown): SpotifyAlbum | null {
  const summary = toAlbumSummary(value);
  if (!summary) return null;
  const raw = value as Json;
  const tracks = list(object(raw.tracks)?.items)
    .flatMap((item): SpotifyAlbum['tracks'] => {
      const track = object(item);
      const id = spotifyId(track?.id);
      const name = text(track?.name);
      if (!track || !id || !name) return [];
      return [
        {
          spotify_id: id,
          name,
          artists: artistNames(track.artists),
          track_number: count(track.track_number),
          disc_number: count(track.disc_number),
          duration_ms: count(track.duration_ms),
          explicit: track.explicit === true,
          spotify_url: openUrl(track, 'track', id),
        },
      ];
    })
    .slice(0, 50);
  return { ...summary, total_tracks: Math.max(summary.total_tracks, tracks.length), label: text(raw.label), tracks };
}

/** The items of one type from a `GET /search` answer. */
export function searchItems(body: unknown, key: 'tracks' | 'albums'): unknown[] {
  return list(object(object(body)?.[key])?.items);
}
