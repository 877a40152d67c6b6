// The typed client's read-only tour of the API, shared by the mock and the real server.
// The mock answers with the spec's examples and the server with seeded data, so assertions
// are about statuses and shapes, never about particular names; where the two must differ
// (the mock ignores `per_page`, for instance) the branch says why.
import { beforeAll, describe, expect, it } from 'vitest';
import * as sourceClient from '../../client/index.js';
import type { BeatPassClient, BeatPassError } from '../../client/index.js';

/** What the suite uses of the client: the source in client/, or the installed `npm pack ./client`. */
export type ClientModule = Pick<typeof sourceClient, 'BeatPassError' | 'createBeatPassClient' | 'paginate' | 'unwrap'>;

export interface ClientSuiteTarget {
  /** Origin of the mock or server, e.g. `http://127.0.0.1:4010`. */
  baseUrl: string;
  /**
   * `proxy`: the real server behind `prism proxy --errors`. Prism forwards valid requests and
   * checks the real responses; a request that breaks the spec never reaches the server: Prism
   * answers it itself with the right status and an application/problem+json body.
   */
  kind: 'mock' | 'server' | 'proxy';
  /**
   * An artist known to exist. Optional: otherwise the suite takes one from the track list,
   * which names artists only in rich tracks (anonymous lists, on the mock as on a server, name
   * none).
   */
  artistId?: number;
  /** The client under test; the source in client/ when absent. */
  client?: ClientModule;
}

// The largest id the contract allows (int4), so a server must cope with the whole documented range.
const MISSING_ID = 2_147_483_647;
const isoDate = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
const errorBody = { message: expect.stringMatching(/\S/) };

const lengthAwareMeta = {
  current_page: expect.any(Number),
  per_page: expect.any(Number),
  total: expect.any(Number),
  last_page: expect.any(Number),
  first_page_url: expect.any(String),
  last_page_url: expect.any(String),
  path: expect.any(String),
  links: expect.any(Array),
  data: expect.any(Array),
};
const genreShape = { id: expect.any(Number), name: expect.any(String), display_name: expect.any(String), model_type: 'genre' };
const trackPublicKeys = ['created_at', 'duration_text', 'id', 'image', 'model_type', 'name'];
const trackShape = {
  id: expect.any(Number),
  name: expect.any(String),
  created_at: isoDate,
  model_type: 'track',
  duration_text: expect.stringMatching(/^\d+:\d{2}$/),
};

export function clientSuite(name: string, getTarget: () => ClientSuiteTarget): void {
  describe(`typed client against ${name}`, () => {
    let target: ClientSuiteTarget;
    let sdk: ClientModule;
    let client: BeatPassClient;
    let listedTrack: { id: number; artists?: { id: number }[] } | undefined;
    const unwrap: ClientModule['unwrap'] = (result) => sdk.unwrap(result);

    beforeAll(() => {
      target = getTarget();
      sdk = target.client ?? sourceClient;
      client = sdk.createBeatPassClient({ baseUrl: target.baseUrl });
    });

    it('lists genres as a length-aware page', async () => {
      const { data, response } = await client.GET('/api/v1/genres');

      expect(response.status).toBe(200);
      expect(data).toEqual({ status: 'success', pagination: expect.objectContaining(lengthAwareMeta) });
      const page = data!.pagination;
      expect(page.data.length).toBeGreaterThan(0);
      expect(page.data.length).toBeLessThanOrEqual(page.per_page);
      expect(page.total).toBeGreaterThanOrEqual(page.data.length);
      for (const genre of page.data) expect(genre).toEqual(genreShape);
    });

    it('lists tracks anonymously', async () => {
      const { data, response } = await client.GET('/api/v1/tracks');

      expect(response.status).toBe(200);
      expect(data).toEqual({ status: 'success', pagination: expect.objectContaining(lengthAwareMeta) });
      const tracks = data!.pagination.data;
      expect(tracks.length).toBeGreaterThan(0);
      for (const track of tracks) expect(track).toEqual(expect.objectContaining(trackShape));
      // Anonymous callers get the minimal fields: from the mock too (its `anonymous` example).
      for (const track of tracks) expect(Object.keys(track).sort()).toEqual(trackPublicKeys);
      listedTrack = tracks[0];
    });

    it('searches tracks with a query and a page size', async () => {
      const { data, response } = await client.GET('/api/v1/tracks', { params: { query: { query: 'trap', per_page: 5 } } });

      expect(response.status).toBe(200);
      expect(data).toEqual({ status: 'success', pagination: expect.objectContaining(lengthAwareMeta) });
      for (const track of data!.pagination.data) expect(track).toEqual(expect.objectContaining(trackShape));
      if (target.kind !== 'mock') {
        expect(data!.pagination.per_page).toBe(5);
        expect(data!.pagination.data.length).toBeLessThanOrEqual(5);
      }
    });

    it('gets a listed track by id', async () => {
      const id = requireListedTrack().id;

      const data = unwrap(await client.GET('/api/v1/tracks/{track_id}', { params: { path: { track_id: id } } }));

      expect(data).toEqual({ track: expect.objectContaining({ ...trackShape, id }), loader: 'trackPage' });
    });

    it('gets an artist by id', async () => {
      const id = target.artistId ?? requireListedTrack().artists?.[0]?.id;
      if (id === undefined) {
        throw new Error(`${name}: the anonymous track list names no artist; pass artistId in the suite target`);
      }

      const data = unwrap(await client.GET('/api/v1/artists/{artist_id}', { params: { path: { artist_id: id } } }));

      expect(data).toEqual({
        artist: expect.objectContaining({ id, name: expect.any(String), model_type: 'artist' }),
        loader: 'artistPage',
      });
    });

    it('reports a missing track as a 404 BeatPassError', async () => {
      const error = await caught(
        sdk,
        client.GET('/api/v1/tracks/{track_id}', {
          params: { path: { track_id: MISSING_ID } },
          // Prism returns the first documented success unless asked for another status.
          headers: target.kind === 'mock' ? { Prefer: 'code=404' } : {},
        }),
      );

      expect(error.status).toBe(404);
      expect(error.body).toEqual(errorBody);
      expect(error.fieldErrors).toEqual({});
    });

    it('refuses the caller’s own account without credentials with 401', async () => {
      const result = await client.GET('/api/v1/users/{user_id}', { params: { path: { user_id: 'me' } } });

      expect(result.response.status).toBe(401);
      if (target.kind === 'proxy') expect(result.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      else expect(result.error).toEqual(errorBody);
      expect(() => unwrap(result)).toThrow(sdk.BeatPassError);
    });

    it('reports an out-of-range page size as 422 with field errors', async () => {
      const error = await caught(sdk, client.GET('/api/v1/tracks', { params: { query: { per_page: 501 } } }));

      expect(error.status).toBe(422);
      if (target.kind === 'proxy') return; // Prism's own problem+json answer, no field errors
      expect(error.body).toEqual({ ...errorBody, errors: expect.any(Object) });
      // The mock validates with the server's own validator, so it names the same field.
      expect(Object.keys(error.fieldErrors)).toEqual(['per_page']);
    });

    it('iterates every genre across pages', async () => {
      const first = unwrap(await client.GET('/api/v1/genres', { params: { query: { per_page: 2 } } }));
      const genres = [];
      for await (const genre of sdk.paginate(client, '/api/v1/genres', { params: { query: { per_page: 2 } } })) {
        genres.push(genre);
      }

      expect(genres).toHaveLength(first.pagination.total);
      expect(new Set(genres.map((g) => g.id)).size).toBe(genres.length);
      for (const genre of genres) expect(genre).toEqual(genreShape);
    });

    it('lists playlists and opens one with its first tracks', async () => {
      const list = unwrap(await client.GET('/api/v1/playlists', { params: { query: { per_page: 5 } } }));
      expect(list).toEqual({ status: 'success', pagination: expect.objectContaining(lengthAwareMeta) });
      const playlistShape = {
        id: expect.any(Number),
        name: expect.any(String),
        public: expect.any(Boolean),
        collaborative: expect.any(Boolean),
        model_type: 'playlist',
        created_at: isoDate,
      };
      for (const playlist of list.pagination.data) expect(playlist).toEqual(expect.objectContaining(playlistShape));
      const first = list.pagination.data[0];
      if (first === undefined) throw new Error(`${name}: no playlist was listed`);

      const page = unwrap(await client.GET('/api/v1/playlists/{playlist_id}', { params: { path: { playlist_id: first.id } } }));
      expect(page).toEqual({
        playlist: expect.objectContaining({ ...playlistShape, id: first.id }),
        loader: 'playlistPage',
        totalDuration: page.tracks.total > 0 ? expect.any(Number) : null,
        tracks: expect.objectContaining(lengthAwareMeta),
      });
      for (const track of page.tracks.data) expect(track).toEqual(expect.objectContaining(trackShape));
    });

    it('lists albums and opens one', async () => {
      const list = unwrap(await client.GET('/api/v1/albums', { params: { query: { per_page: 5 } } }));
      expect(list).toEqual({ status: 'success', pagination: expect.objectContaining(lengthAwareMeta) });
      const albumShape = { id: expect.any(Number), name: expect.any(String), model_type: 'album' };
      for (const album of list.pagination.data) expect(album).toEqual(expect.objectContaining(albumShape));
      const first = list.pagination.data[0];
      if (first === undefined) throw new Error(`${name}: no album was listed`);

      const page = unwrap(await client.GET('/api/v1/albums/{album_id}', { params: { path: { album_id: first.id } } }));
      expect(page).toEqual({ album: expect.objectContaining({ ...albumShape, id: first.id }), loader: 'albumPage' });
    });

    it("lists an artist's albums with simple pagination", async () => {
      const artists = unwrap(await client.GET('/api/v1/artists', { params: { query: { per_page: 1 } } }));
      const artist = artists.pagination.data[0];
      if (artist === undefined) throw new Error(`${name}: no artist was listed`);
      expect(artist).toEqual(expect.objectContaining({ id: expect.any(Number), name: expect.any(String), model_type: 'artist' }));

      const albums = unwrap(await client.GET('/api/v1/artists/{artist_id}/albums', { params: { path: { artist_id: artist.id } } }));
      expect(albums.status).toBe('success');
      expect(albums.pagination).toEqual(
        expect.objectContaining({
          current_page: expect.any(Number),
          per_page: expect.any(Number),
          first_page_url: expect.any(String),
          path: expect.any(String),
          data: expect.any(Array),
        }),
      );
      expect(albums.pagination).not.toHaveProperty('total');
    });

    function requireListedTrack() {
      if (listedTrack === undefined) throw new Error(`${name}: no track was listed; "lists tracks anonymously" must pass first`);
      return listedTrack;
    }
  });
}

async function caught(sdk: ClientModule, request: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<BeatPassError> {
  const outcome = await request.then(sdk.unwrap).then(
    (data) => ({ data }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a BeatPassError, got data ${JSON.stringify(outcome.data)}`);
  expect(outcome.error).toBeInstanceOf(sdk.BeatPassError);
  return outcome.error as BeatPassError;
}
