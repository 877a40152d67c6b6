// A small stand-in for Spotify's accounts service and Web API (node:http); every test server
// sends its Spotify lookups here unless told otherwise (server.ts). It checks the
// client-credentials token flow as Spotify does (Basic client credentials, form body, grant
// type), only accepts the bearer tokens it issued and has not expired or revoked, and answers
// search and album requests with payloads shaped like Spotify's (paging objects, 640/300/64 px
// images, the occasional null search item). `mode` makes it fail the way Spotify can: a 500, a
// 429 with Retry-After, a body that is not JSON, no answer at all, or a dropped connection.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_CLIENT_ID = 'beatpass-test-client';
export const FAKE_CLIENT_SECRET = 'beatpass-test-secret';

export type FakeMode = 'ok' | 'error' | 'rate-limited' | 'garbage' | 'silent' | 'drop';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: string;
}

type Json = Record<string, unknown>;

const images = (hash: string) =>
  [640, 300, 64].map((size) => ({
    url: `https://i.scdn.co/image/ab67616d${size === 640 ? '0000b273' : size === 300 ? '00001e02' : '00004851'}${hash}`,
    height: size,
    width: size,
  }));

const artist = (id: string, name: string) => ({
  external_urls: { spotify: `https://open.spotify.com/artist/${id}` },
  href: `https://api.spotify.com/v1/artists/${id}`,
  id,
  name,
  type: 'artist',
  uri: `spotify:artist:${id}`,
});

const RAE = artist('0OdUWJ0sBjDrqHygGUXeCF', 'Rae Castillo');
const TIDAL = artist('1vCWHaC5f2uS3yhpwWbIA6', 'Yung Tidal');
const JULES = artist('2YZyLoL8N0Wb9xBt1NhZWg', 'Jules Marrow');

interface FakeAlbum {
  id: string;
  name: string;
  album_type: string;
  release_date: string;
  release_date_precision: string;
  label: string;
  artists: Json[];
  image: string;
  tracks: { id: string; name: string; artists: Json[]; duration_ms: number; explicit: boolean; isrc: string }[];
}

const ALBUMS: FakeAlbum[] = [
  {
    id: '4aawyAB9vmqN3uQ7FjRGTy',
    name: 'Blue Hour',
    album_type: 'album',
    release_date: '2026-03-13',
    release_date_precision: 'day',
    label: 'Night Shift Records',
    artists: [RAE],
    image: '4f1c2e3d5a6b7c8d9e0f1a2b',
    tracks: [
      { id: '3n3Ppam7vgaVa1iaRUc9Lp', name: 'Late Checkout', artists: [RAE, TIDAL], duration_ms: 187405, explicit: true, isrc: 'QZES82612345' },
      { id: '6rqhFgbbKwnb9MLmUQDhG6', name: 'Blue Hour', artists: [RAE], duration_ms: 201990, explicit: false, isrc: 'QZES82612346' },
      { id: '0VjIjW4GlUZAMYd2vXMi3b', name: 'Night Bus Home', artists: [RAE], duration_ms: 164000, explicit: false, isrc: 'QZES82612347' },
    ],
  },
  {
    id: '1DFixLWuPkv3KT3TnV35m3',
    name: 'Evidence',
    album_type: 'single',
    release_date: '2023',
    release_date_precision: 'year',
    label: '',
    artists: [JULES],
    image: 'a1b2c3d4e5f60718293a4b5c',
    tracks: [{ id: '7ouMYWpwJ422jRcDASZB7P', name: 'Cold Case', artists: [JULES], duration_ms: 142813, explicit: false, isrc: 'GBAYE2300001' }],
  },
];

function simplifiedAlbum(album: FakeAlbum, albumTypeCase: 'lower' | 'upper' = 'lower'): Json {
  return {
    album_type: albumTypeCase === 'upper' ? album.album_type.toUpperCase() : album.album_type,
    total_tracks: album.tracks.length,
    available_markets: ['CA', 'US', 'GB'],
    external_urls: { spotify: `https://open.spotify.com/album/${album.id}` },
    href: `https://api.spotify.com/v1/albums/${album.id}`,
    id: album.id,
    images: images(album.image),
    name: album.name,
    release_date: album.release_date,
    release_date_precision: album.release_date_precision,
    type: 'album',
    uri: `spotify:album:${album.id}`,
    artists: album.artists,
  };
}

function simplifiedTrack(album: FakeAlbum, index: number): Json {
  const track = album.tracks[index]!;
  return {
    artists: track.artists,
    available_markets: ['CA', 'US', 'GB'],
    disc_number: 1,
    duration_ms: track.duration_ms,
    explicit: track.explicit,
    external_urls: { spotify: `https://open.spotify.com/track/${track.id}` },
    href: `https://api.spotify.com/v1/tracks/${track.id}`,
    id: track.id,
    name: track.name,
    preview_url: null,
    track_number: index + 1,
    type: 'track',
    uri: `spotify:track:${track.id}`,
    is_local: false,
  };
}

function fullTrack(album: FakeAlbum, index: number): Json {
  return { ...simplifiedTrack(album, index), album: simplifiedAlbum(album), external_ids: { isrc: album.tracks[index]!.isrc }, popularity: 41 };
}

function paging(path: string, items: unknown[], limit: number, total: number): Json {
  return { href: `https://api.spotify.com/v1${path}`, items, limit, next: null, offset: 0, previous: null, total };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export interface FakeSpotify {
  url: string;
  /** How the Web API answers (the accounts service is governed by `refuseTokens`). */
  mode: FakeMode;
  /** Answer token requests with Spotify's invalid_client error. */
  refuseTokens: boolean;
  /** `expires_in` of the tokens it issues. */
  tokenLifetimeSeconds: number;
  readonly requests: RecordedRequest[];
  tokensIssued(): number;
  /** Makes every issued token invalid, as when Spotify revokes or expires one early. */
  revokeTokens(): void;
  close(): Promise<void>;
}

export async function startFakeSpotify(): Promise<FakeSpotify> {
  const tokens = new Map<string, number>();
  let issued = 0;

  const fake: FakeSpotify = {
    url: '',
    mode: 'ok',
    refuseTokens: false,
    tokenLifetimeSeconds: 3600,
    requests: [],
    tokensIssued: () => issued,
    revokeTokens: () => tokens.clear(),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  async function token(req: IncomingMessage, res: ServerResponse, body: string) {
    const expected = `Basic ${Buffer.from(`${FAKE_CLIENT_ID}:${FAKE_CLIENT_SECRET}`).toString('base64')}`;
    if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') {
      return send(res, 400, { error: 'invalid_request', error_description: 'Invalid content type' });
    }
    if (new URLSearchParams(body).get('grant_type') !== 'client_credentials') {
      return send(res, 400, { error: 'unsupported_grant_type', error_description: 'grant_type parameter is missing' });
    }
    if (fake.refuseTokens || req.headers.authorization !== expected) return send(res, 400, { error: 'invalid_client', error_description: 'Invalid client' });
    issued += 1;
    const value = `BQ${issued.toString().padStart(4, '0')}fake-access-token`;
    tokens.set(value, Date.now() + fake.tokenLifetimeSeconds * 1000);
    return send(res, 200, { access_token: value, token_type: 'Bearer', expires_in: fake.tokenLifetimeSeconds });
  }

  function api(req: IncomingMessage, res: ServerResponse, url: URL) {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const expiresAt = bearer === undefined ? undefined : tokens.get(bearer);
    if (expiresAt === undefined || expiresAt < Date.now()) {
      return send(res, 401, { error: { status: 401, message: bearer ? 'The access token expired' : 'No token provided' } });
    }
    switch (fake.mode) {
      case 'error':
        return send(res, 500, { error: { status: 500, message: 'Server error.' } });
      case 'rate-limited':
        return send(res, 429, { error: { status: 429, message: 'API rate limit exceeded' } }, { 'retry-after': '17' });
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('<html>Bad gateway</html>');
      case 'silent':
        return undefined; // never answers
      case 'drop':
        return req.socket.destroy();
      case 'ok':
        break;
    }

    if (url.pathname === '/v1/search') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const types = (url.searchParams.get('type') ?? '').split(',');
      const limit = Number(url.searchParams.get('limit') ?? 20);
      if (q === '' || types.some((t) => !['track', 'album', 'artist', 'playlist'].includes(t))) {
        return send(res, 400, { error: { status: 400, message: 'Bad search type field' } });
      }
      const matches = (album: FakeAlbum, i: number) => {
        const track = album.tracks[i]!;
        const haystack = [track.name, album.name, ...track.artists.map((a) => a.name)].join(' ').toLowerCase();
        return q.split(/\s+/).every((word) => haystack.includes(word));
      };
      const trackHits = ALBUMS.flatMap((album) => album.tracks.map((_, i) => (matches(album, i) ? fullTrack(album, i) : null)).filter((t) => t !== null));
      const albumHits = ALBUMS.filter((album) => album.tracks.some((_, i) => matches(album, i))).map((album) => simplifiedAlbum(album, 'upper'));
      const body: Json = {};
      // Spotify's search is known to return null items now and then.
      if (types.includes('track'))
        body.tracks = paging(url.pathname, [...trackHits.slice(0, 1), null, ...trackHits.slice(1)].slice(0, limit + 1), limit, trackHits.length);
      if (types.includes('album')) body.albums = paging(url.pathname, albumHits.slice(0, limit), limit, albumHits.length);
      return send(res, 200, body);
    }

    const albumPath = /^\/v1\/albums\/([^/]+)$/.exec(url.pathname);
    if (albumPath) {
      const id = albumPath[1]!;
      if (!/^[0-9A-Za-z]{22}$/.test(id)) return send(res, 400, { error: { status: 400, message: 'invalid id' } });
      const album = ALBUMS.find((a) => a.id === id);
      if (!album) return send(res, 404, { error: { status: 404, message: 'Resource not found' } });
      return send(res, 200, {
        ...simplifiedAlbum(album),
        tracks: paging(
          `/albums/${id}/tracks`,
          album.tracks.map((_, i) => simplifiedTrack(album, i)),
          50,
          album.tracks.length,
        ),
        copyrights: [{ text: `2026 ${album.label}`, type: 'C' }],
        external_ids: { upc: '0000000000000' },
        genres: [],
        label: album.label,
        popularity: 37,
      });
    }
    return send(res, 404, { error: { status: 404, message: 'Service not found' } });
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-spotify');
    const body = await readBody(req);
    fake.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, authorization: req.headers.authorization, body });
    if (req.method === 'POST' && url.pathname === '/api/token') return token(req, res, body);
    if (req.method === 'GET' && url.pathname.startsWith('/v1/')) return api(req, res, url);
    return send(res, 404, { error: { status: 404, message: 'Not found' } });
  }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
