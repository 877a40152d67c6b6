// The Spotify Web API over global fetch: an app token from the accounts service
// (client-credentials flow), cached until shortly before it expires and shared by concurrent
// calls, then the catalog reads the credits routes need. Every call has one deadline for all
// its requests (token included), so a slow Spotify costs a 503, never a hanging request.
// Not handled: user-scoped data (no user tokens here), paging beyond an album's first 50 tracks.
import type { SpotifyConfig } from '../../config.js';
import { SpotifyUnavailable, type SpotifyAlbum, type SpotifyCatalog, type SpotifySearchResults } from './catalog.js';
import { searchItems, toAlbum, toAlbumSummary, toTrackResult } from './mapping.js';

/** Seconds to wait after a failure that did not say how long (the server's usual 503 wait). */
const DEFAULT_RETRY_AFTER = 5;
/** A Spotify Retry-After beyond this is capped: our clients should ask again within the hour. */
const MAX_RETRY_AFTER = 3600;

interface CachedToken {
  value: string;
  expiresAt: number;
}

export function createSpotifyClient(config: SpotifyConfig): SpotifyCatalog {
  let token: CachedToken | null = null;
  let pendingToken: Promise<string> | null = null;

  async function send(url: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal, redirect: 'error' });
    } catch (err) {
      const timedOut = signal.aborted;
      throw new SpotifyUnavailable(timedOut ? `Spotify did not answer within ${config.timeoutMs} ms` : 'Spotify is unreachable', DEFAULT_RETRY_AFTER, {
        cause: err,
      });
    }
  }

  async function readJson(response: Response, what: string): Promise<unknown> {
    try {
      return await response.json();
    } catch (err) {
      throw new SpotifyUnavailable(`Spotify sent an unreadable ${what}`, DEFAULT_RETRY_AFTER, { cause: err });
    }
  }

  function failure(response: Response, what: string): SpotifyUnavailable {
    const waited = Number(response.headers.get('retry-after'));
    const retryAfter = response.status === 429 && Number.isFinite(waited) && waited > 0 ? Math.min(Math.ceil(waited), MAX_RETRY_AFTER) : DEFAULT_RETRY_AFTER;
    return new SpotifyUnavailable(`Spotify answered ${response.status} to the ${what}`, retryAfter);
  }

  async function requestToken(signal: AbortSignal): Promise<string> {
    const credentials = Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64');
    const response = await send(
      `${config.accountsUrl}/api/token`,
      {
        method: 'POST',
        headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
      },
      signal,
    );
    // 400/401 here means Spotify refused our client ID or secret: a configuration problem.
    if (!response.ok) throw failure(response, 'token request');
    const body = (await readJson(response, 'token')) as { access_token?: unknown; expires_in?: unknown } | null;
    const value = body?.access_token;
    const lifetime = body?.expires_in;
    if (typeof value !== 'string' || value === '' || typeof lifetime !== 'number' || !(lifetime > 0)) {
      throw new SpotifyUnavailable('Spotify sent a token without access_token or expires_in', DEFAULT_RETRY_AFTER);
    }
    // Renew a little early (a minute, or half the lifetime of a short-lived token).
    const lifetimeMs = lifetime * 1000;
    token = { value, expiresAt: Date.now() + lifetimeMs - Math.min(60_000, lifetimeMs / 2) };
    return value;
  }

  function accessToken(signal: AbortSignal): Promise<string> {
    if (token && Date.now() < token.expiresAt) return Promise.resolve(token.value);
    pendingToken ??= requestToken(signal).finally(() => {
      pendingToken = null;
    });
    return pendingToken;
  }

  /**
   * GETs a Web API path. With `missingIsNull`, 404 (and 400, Spotify's answer to an ID it
   * cannot parse) gives null; otherwise any failure is a SpotifyUnavailable.
   */
  async function get(path: string, what: string, missingIsNull = false): Promise<unknown> {
    const signal = AbortSignal.timeout(config.timeoutMs);
    for (let attempt = 1; ; attempt++) {
      const bearer = await accessToken(signal);
      const response = await send(`${config.apiUrl}${path}`, { headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' } }, signal);
      // A token Spotify no longer accepts (revoked, or expired early): fetch a new one, once.
      if (response.status === 401 && attempt === 1) {
        if (token?.value === bearer) token = null;
        await response.body?.cancel();
        continue;
      }
      if (missingIsNull && (response.status === 404 || response.status === 400)) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw failure(response, what);
      }
      return readJson(response, what);
    }
  }

  return {
    async search(query, { types, limit }): Promise<SpotifySearchResults> {
      if (types.length === 0) return { tracks: [], albums: [] };
      const params = new URLSearchParams({ q: query, type: types.join(','), limit: String(limit) });
      const body = await get(`/search?${params}`, 'search');
      return {
        tracks: types.includes('track')
          ? searchItems(body, 'tracks')
              .map(toTrackResult)
              .filter((t) => t !== null)
              .slice(0, limit)
          : [],
        albums: types.includes('album')
          ? searchItems(body, 'albums')
              .map(toAlbumSummary)
              .filter((a) => a !== null)
              .slice(0, limit)
          : [],
      };
    },

    async getAlbum(spotifyId): Promise<SpotifyAlbum | null> {
      const body = await get(`/albums/${encodeURIComponent(spotifyId)}`, 'album request', true);
      if (body === null) return null;
      const album = toAlbum(body);
      if (!album) throw new SpotifyUnavailable('Spotify sent an album without an ID or a name', DEFAULT_RETRY_AFTER);
      return album;
    },
  };
}
