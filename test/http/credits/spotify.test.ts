// The Spotify lookups against the test server's local fake of Spotify's accounts service and
// Web API (test/support/fake-spotify.ts): the token flow, the mapping to this API's shapes,
// and every way Spotify can fail becoming a 503 with Retry-After, in time.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { operations } from '../../../generated/api.js';
import { createSpotifyClient } from '../../../server/integrations/spotify/client.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent, type Reply } from '../../support/http.js';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, type FakeSpotify } from '../../support/fake-spotify.js';
import { startTestServer, TEST_SPOTIFY_TIMEOUT_MS as TIMEOUT_MS } from '../../support/server.js';

const t = useTestServer({ signIn: ['listener'] });
let fake: FakeSpotify;

beforeAll(() => {
  fake = t.server.fakeSpotify!;
});
beforeEach(() => {
  fake.mode = 'ok';
  fake.refuseTokens = false;
  fake.tokenLifetimeSeconds = 3600;
});

const search = (query: operations['searchSpotifyCatalog']['parameters']['query']) => t.as.listener.call('searchSpotifyCatalog', { query });

/** Both lookups, the search with this query and the album by ID, each called as the given agent. */
function spotifyLookups(query: string): [string, (agent: Agent) => Promise<Reply>][] {
  return [
    ['searchSpotifyCatalog', (agent) => agent.call('searchSpotifyCatalog', { query: { query } })],
    ['getSpotifyAlbum', (agent) => agent.call('getSpotifyAlbum', { query: { id: '4aawyAB9vmqN3uQ7FjRGTy' } })],
  ];
}

describe('GET /api/v1/credits/spotify-search', () => {
  it("gets an app token with the client credentials, then maps Spotify's tracks and albums to this API's shape", async () => {
    const reply = await search({ query: 'late checkout' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      status: 'success',
      tracks: [
        {
          spotify_id: '3n3Ppam7vgaVa1iaRUc9Lp',
          name: 'Late Checkout',
          artists: ['Rae Castillo', 'Yung Tidal'],
          album: {
            spotify_id: '4aawyAB9vmqN3uQ7FjRGTy',
            name: 'Blue Hour',
            album_type: 'album',
            release_date: '2026-03-13',
            release_date_precision: 'day',
            image: 'https://i.scdn.co/image/ab67616d0000b2734f1c2e3d5a6b7c8d9e0f1a2b',
          },
          track_number: 1,
          disc_number: 1,
          duration_ms: 187405,
          explicit: true,
          isrc: 'QZES82612345',
          spotify_url: 'https://open.spotify.com/track/3n3Ppam7vgaVa1iaRUc9Lp',
        },
      ],
      // Spotify's upper-case album_type is normalised; the null item it sent among the tracks is dropped.
      albums: [
        {
          spotify_id: '4aawyAB9vmqN3uQ7FjRGTy',
          name: 'Blue Hour',
          album_type: 'album',
          artists: ['Rae Castillo'],
          release_date: '2026-03-13',
          release_date_precision: 'day',
          total_tracks: 3,
          image: 'https://i.scdn.co/image/ab67616d0000b2734f1c2e3d5a6b7c8d9e0f1a2b',
          spotify_url: 'https://open.spotify.com/album/4aawyAB9vmqN3uQ7FjRGTy',
        },
      ],
    });
    const [tokenRequest, searchRequest] = fake.requests.slice(-2);
    expect(tokenRequest).toMatchObject({ method: 'POST', path: '/api/token', body: 'grant_type=client_credentials' });
    expect(tokenRequest!.authorization).toBe(`Basic ${Buffer.from(`${FAKE_CLIENT_ID}:${FAKE_CLIENT_SECRET}`).toString('base64')}`);
    expect(searchRequest!.path).toBe('/v1/search');
    expect(Object.fromEntries(searchRequest!.query)).toEqual({ q: 'late checkout', type: 'track,album', limit: '10' });
    expect(searchRequest!.authorization).toMatch(/^Bearer BQ\d{4}fake-access-token$/);
  });

  it('reuses the token until it is about to expire', async () => {
    await search({ query: 'blue' });
    const issued = fake.tokensIssued();
    await search({ query: 'blue' });
    await search({ query: 'rae' });
    expect(fake.tokensIssued()).toBe(issued);

    fake.revokeTokens();
    fake.tokenLifetimeSeconds = 4;
    expect((await search({ query: 'blue' })).status).toBe(200); // a refused token is replaced once, then the call succeeds
    expect(fake.tokensIssued()).toBe(issued + 1);
    expect((await search({ query: 'blue' })).status).toBe(200); // a 4 s token is renewed after half its life
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect((await search({ query: 'blue' })).status).toBe(200);
    expect(fake.tokensIssued()).toBe(issued + 2);
  });

  it('asks only for the requested type, with the requested limit', async () => {
    const tracks = await search({ query: 'blue', type: 'track', limit: 2 });
    expectStatus(tracks, 200);
    expect(tracks.body.albums).toEqual([]);
    expect(tracks.body.tracks.map((track) => track.name)).toEqual(['Late Checkout', 'Blue Hour']);
    expect(Object.fromEntries(fake.requests.at(-1)!.query)).toEqual({ q: 'blue', type: 'track', limit: '2' });
    const albums = await search({ query: 'cold case', type: 'album' });
    expect(albums.body).toMatchObject({
      tracks: [],
      albums: [{ name: 'Evidence', album_type: 'single', release_date: '2023', release_date_precision: 'year' }],
    });
    expect((await search({ query: 'nothing like this' })).body).toEqual({ status: 'success', tracks: [], albums: [] });
  });

  it('validates the query (422) and needs a caller (401)', async () => {
    const queries = [
      {},
      { query: '' },
      { query: '  ' },
      { query: 'x', limit: 11 },
      { query: 'x', limit: 0 },
      { query: 'x', type: 'artist' },
      { query: 'x'.repeat(201) },
    ];
    for (const query of queries) {
      expect((await t.as.listener.callUnchecked('searchSpotifyCatalog', { query })).status, JSON.stringify(query)).toBe(422);
    }
    expect((await t.as.anonymous.call('searchSpotifyCatalog', { query: { query: 'blue' } })).status).toBe(401);
  });
});

describe('GET /api/v1/credits/spotify-album', () => {
  const album = (id: string) => t.as.listener.call('getSpotifyAlbum', { query: { id } });

  it('returns the album with its tracks, by ID, URI or link', async () => {
    const reply = await album('4aawyAB9vmqN3uQ7FjRGTy');
    expectStatus(reply, 200);
    expect(reply.body.album).toMatchObject({
      spotify_id: '4aawyAB9vmqN3uQ7FjRGTy',
      name: 'Blue Hour',
      album_type: 'album',
      artists: ['Rae Castillo'],
      total_tracks: 3,
      label: 'Night Shift Records',
      spotify_url: 'https://open.spotify.com/album/4aawyAB9vmqN3uQ7FjRGTy',
    });
    expect(reply.body.album.tracks).toEqual([
      {
        spotify_id: '3n3Ppam7vgaVa1iaRUc9Lp',
        name: 'Late Checkout',
        artists: ['Rae Castillo', 'Yung Tidal'],
        track_number: 1,
        disc_number: 1,
        duration_ms: 187405,
        explicit: true,
        spotify_url: 'https://open.spotify.com/track/3n3Ppam7vgaVa1iaRUc9Lp',
      },
      expect.objectContaining({ name: 'Blue Hour', track_number: 2 }),
      expect.objectContaining({ name: 'Night Bus Home', track_number: 3 }),
    ]);
    const uri = await album('spotify:album:1DFixLWuPkv3KT3TnV35m3');
    expectStatus(uri, 200);
    expect(uri.body.album).toMatchObject({ name: 'Evidence', label: null });
    const link = await album('https://open.spotify.com/intl-fr/album/1DFixLWuPkv3KT3TnV35m3?si=Xy12_ab');
    expectStatus(link, 200);
    expect(link.body.album.name).toBe('Evidence');
    expect(fake.requests.at(-1)!.path).toBe('/v1/albums/1DFixLWuPkv3KT3TnV35m3');
  });

  it('answers 404 for an album Spotify does not have, 422 for something that is not an album ID, 401 without a caller', async () => {
    const missing = await album('0000000000000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Spotify album not found.' });
    for (const id of ['', 'abc', 'https://open.spotify.com/track/3n3Ppam7vgaVa1iaRUc9Lp', 'https://evil.example/album/4aawyAB9vmqN3uQ7FjRGTy']) {
      expect((await album(id)).status, id).toBe(422);
    }
    expect((await t.as.anonymous.call('getSpotifyAlbum', { query: { id: '4aawyAB9vmqN3uQ7FjRGTy' } })).status).toBe(401);
  });
});

describe('when Spotify fails', () => {
  async function expectUnavailable(retryAfter: string) {
    for (const [name, lookup] of spotifyLookups('blue')) {
      const started = Date.now();
      const reply = await lookup(t.as.listener);
      expect(reply.status, name).toBe(503);
      expect(reply.headers.get('retry-after')).toBe(retryAfter);
      expect(reply.body).toEqual({ message: 'Spotify is unavailable right now. Please retry shortly.' });
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1500);
    }
  }

  it('answers 503 with Retry-After when Spotify errors, sends no JSON or drops the connection', async () => {
    await search({ query: 'blue' }); // a cached token, so the failure is the API call's
    for (const mode of ['error', 'garbage', 'drop'] as const) {
      fake.mode = mode;
      await expectUnavailable('5');
    }
  });

  it("passes on Spotify's own Retry-After when it rate-limits us", async () => {
    fake.mode = 'rate-limited';
    await expectUnavailable('17');
  });

  it('gives up after the timeout when Spotify does not answer', async () => {
    fake.mode = 'silent';
    await expectUnavailable('5');
  });

  it('answers 503 when Spotify refuses our credentials', async () => {
    fake.revokeTokens();
    fake.refuseTokens = true;
    await expectUnavailable('5');
    fake.refuseTokens = false;
    expect((await search({ query: 'blue' })).status).toBe(200);
  });

  it('answers 503 when Spotify cannot be reached at all', async () => {
    const unreachable = createSpotifyClient({
      clientId: FAKE_CLIENT_ID,
      clientSecret: FAKE_CLIENT_SECRET,
      apiUrl: 'http://127.0.0.1:9/v1',
      accountsUrl: 'http://127.0.0.1:9',
      timeoutMs: TIMEOUT_MS,
    });
    await expect(unreachable.search('blue', { types: ['track'], limit: 1 })).rejects.toMatchObject({ name: 'SpotifyUnavailable', retryAfterSeconds: 5 });
  });
});

describe('a server without Spotify credentials', () => {
  it('answers the lookups with 503 and Retry-After, never 500', async () => {
    const unconfigured = await startTestServer({ spotify: null });
    try {
      const producer = await unconfigured.signIn('producer@beatpass.test');
      for (const [, lookup] of spotifyLookups('late checkout')) {
        const reply = await lookup(producer);
        expect(reply.status).toBe(503);
        expect(reply.headers.get('retry-after')).toBe('3600');
        expect(reply.body).toEqual({ message: 'Spotify search is not configured on this server.' });
      }
    } finally {
      await unconfigured.close();
    }
  });
});
