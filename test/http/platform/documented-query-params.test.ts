// Code written for BeatPass runs here: every query parameter that a BeatPass source documents
// for an operation (its published spec, its docs or its source, as gathered in the catalog,
// /work/shared/beatpass-api.md §2) is accepted, whether this sandbox implements it (`loader`) or,
// like BeatPass's code, ignores it (`with`, declared deprecated). Parameters no source
// documents are still refused with 422, so a typo shows here rather than being ignored in
// production.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { operationTable, type OperationId } from '../../../generated/contract.js';
import { spec } from '../../fuzz/spec.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type CallInput } from '../../support/http.js';
import type { Scalar } from '../../support/operation-url.js';

const t = useTestServer({ signIn: ['listener', 'producer'] });

interface Seeded {
  producerArtistId: number;
  producerTrackId: number;
  playlistId: number;
  tagName: string;
  /** A license the seed issued for one of the producer's tracks, and that track. */
  license: { uuid: string; trackId: number };
}

type Query<K extends OperationId> = NonNullable<CallInput<K>['query']>;

interface Documented<K extends OperationId> {
  /** The catalog's row for the route, in §2, and what it documents. */
  catalog: string;
  /** Who may call it: the producer manages the seeded producer's artist and tracks. */
  caller: 'anonymous' | 'producer';
  /** A valid value for each documented parameter, typed by the spec. */
  input: (seeded: Seeded) => { path?: CallInput<K>['path']; query: Query<K> };
  /** Parameters sent with each one alone, when the answer needs them to be a success. */
  context?: readonly (keyof Query<K>)[];
  /** Parameters that BeatPass's code ignores: accepted, ignored and declared deprecated. */
  ignored?: readonly (keyof Query<K>)[];
}

const DOCUMENTED = {
  listTracks: {
    catalog: '2-B GET /tracks: `page`; `per_page` (D: also `perPage`); `query`; D: `paginate=simple`',
    caller: 'anonymous',
    input: () => ({ query: { page: 2, per_page: 5, perPage: 5, query: 'dark', paginate: 'simple' } }),
    ignored: ['paginate'],
  },
  getTrack: {
    catalog: '2-B GET /tracks/{id}: S `with` = comma list of tags, genres, artists, album; D `with` ignored, `loader`',
    caller: 'anonymous',
    input: () => ({ path: { track_id: 1 }, query: { with: 'tags,genres,artists,album', loader: 'trackPage' } }),
    ignored: ['with'],
  },
  listTrackComments: {
    catalog: '2-B GET /tracks/{id}/comments: `perPage`, `page`',
    caller: 'anonymous',
    input: () => ({ path: { track_id: 1 }, query: { perPage: 20, page: 1 } }),
  },
  getInsightsReport: {
    catalog: '2-B GET /insights-report: `startDate`, `endDate`, `timezone`, `metrics`, `model`, `_t` (ignored cache-buster)',
    caller: 'producer',
    input: ({ producerTrackId }) => ({
      query: {
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        timezone: 'America/Toronto',
        metrics: 'plays,devices',
        model: `track:${producerTrackId}`,
        _t: '1764093851000',
      },
    }),
    // Without a model the report is the whole platform's, for administrators only.
    context: ['model'],
    ignored: ['_t'],
  },
  listAlbums: {
    catalog: '2-C GET /albums: `page`, `per_page`',
    caller: 'anonymous',
    input: () => ({ query: { page: 1, per_page: 5 } }),
  },
  getAlbum: {
    catalog: '2-C GET /albums/{id}: S `with` = tags, genres, artists, tracks; D `loader`, `with` ignored',
    caller: 'anonymous',
    input: () => ({ path: { album_id: 1 }, query: { with: 'tags,genres,artists,tracks', loader: 'albumPage' } }),
    ignored: ['with'],
  },
  listArtists: {
    catalog: '2-D GET /artists: `page`, `per_page`',
    caller: 'anonymous',
    input: () => ({ query: { page: 1, per_page: 5 } }),
  },
  getArtist: {
    catalog: '2-D GET /artists/{id}: S `with` = similar, genres, albums, topTracks; D `loader`, `with` ignored',
    caller: 'anonymous',
    input: () => ({ path: { artist_id: 1 }, query: { with: 'similar,genres,albums,topTracks', loader: 'artistPage' } }),
    ignored: ['with'],
  },
  listArtistTracks: {
    catalog: '2-D GET /artists/{id}/tracks: `perPage`, `page`',
    caller: 'anonymous',
    input: ({ producerArtistId }) => ({ path: { artist_id: producerArtistId }, query: { perPage: 20, page: 1 } }),
  },
  listArtistAlbums: {
    catalog: '2-D GET /artists/{id}/albums: `perPage`, `page`',
    caller: 'anonymous',
    input: ({ producerArtistId }) => ({ path: { artist_id: producerArtistId }, query: { perPage: 5, page: 1 } }),
  },
  listArtistFollowers: {
    catalog: '2-D GET /artists/{id}/followers: `perPage`, `page`',
    caller: 'anonymous',
    input: ({ producerArtistId }) => ({ path: { artist_id: producerArtistId }, query: { perPage: 25, page: 1 } }),
  },
  listUserFollowers: {
    catalog: '2-J GET /users/{user}/followers: `perPage` (20), `page`',
    caller: 'producer',
    input: () => ({ path: { user_id: 'me' }, query: { perPage: 20, page: 1 } }),
  },
  listFollowedUsers: {
    catalog: '2-J GET /users/{user}/followed-users: `perPage` (20), `page`',
    caller: 'producer',
    input: () => ({ path: { user_id: 'me' }, query: { perPage: 20, page: 1 } }),
  },
  getArtistActivity: {
    catalog: '2-D GET /artists/{artist}/activity: `period`, `page`, `per_page`',
    caller: 'producer',
    input: ({ producerArtistId }) => ({ path: { artist_id: producerArtistId }, query: { period: '30d', page: 1, per_page: 20 } }),
  },
  listPlaylistTracks: {
    catalog: '2-E GET /playlists/{id}/tracks: `perPage`, `page`',
    caller: 'anonymous',
    input: ({ playlistId }) => ({ path: { playlist_id: playlistId }, query: { perPage: 30, page: 1 } }),
  },
  listTagTracks: {
    catalog: '2-I GET /tags/{name}/tracks: `perPage`, `page`',
    caller: 'anonymous',
    input: ({ tagName }) => ({ path: { tag_name: tagName }, query: { perPage: 15, page: 1 } }),
  },
  listTagAlbums: {
    catalog: '2-I GET /tags/{name}/albums: same as the tag tracks',
    caller: 'anonymous',
    input: ({ tagName }) => ({ path: { tag_name: tagName }, query: { perPage: 15, page: 1 } }),
  },
  search: {
    catalog: '2-I GET /search: S/M `query`, `types`, `limit`; D reads only `query` and `loader` (`types`/`limit` ignored)',
    caller: 'anonymous',
    input: () => ({ query: { query: 'dark', loader: 'search', types: 'track,artist', limit: 3 } }),
    ignored: ['types', 'limit'],
  },
  searchUsers: {
    catalog: '2-A GET /users/search: `query` (D 2–100 chars), `limit` (D 1–50, default 10)',
    caller: 'producer',
    input: () => ({ query: { query: 'listener', limit: 10 } }),
    context: ['query'],
  },
  listUserReposts: {
    catalog: '2-J GET /users/{user}/reposts: `page` (S also `per_page`)',
    caller: 'producer',
    input: () => ({ path: { user_id: 'me' }, query: { page: 1, per_page: 15 } }),
  },
  listLikedTracks: {
    catalog: '2-J GET /users/{user}/liked-tracks: `perPage` (S 20; D 15), `page`',
    caller: 'producer',
    input: () => ({ path: { user_id: 'me' }, query: { perPage: 15, page: 1 } }),
  },
  listLikedAlbums: {
    catalog: '2-J GET /users/{user}/liked-albums: `perPage` (S 20; D 30)',
    caller: 'producer',
    input: () => ({ path: { user_id: 'me' }, query: { perPage: 30, page: 1 } }),
  },
  listLikedArtists: {
    catalog: '2-J GET /users/{user}/liked-artists: `perPage` (S 20; D 30)',
    caller: 'producer',
    input: () => ({ path: { user_id: 'me' }, query: { perPage: 30, page: 1 } }),
  },
  listUserPlaylists: {
    catalog: '2-J GET /users/{user}/playlists: `perPage` (20)',
    caller: 'producer',
    input: () => ({ path: { user_id: 'me' }, query: { perPage: 20, page: 1 } }),
  },
  getLicenseCertificate: {
    catalog: '2-M GET /tracks/{track}/license-certificate: D query `license` (uuid, optional)',
    caller: 'producer',
    input: ({ license }) => ({ path: { track_id: license.trackId }, query: { license: license.uuid } }),
  },
  listPurchases: {
    catalog: '2-M GET /purchases: `page`, `per_page` (default 15)',
    caller: 'producer',
    input: () => ({ query: { page: 1, per_page: 15 } }),
  },
  listArtistFinanceTransactions: {
    catalog: '2-M GET /artists/{artist}/finances/transactions: `status`, `type`, legacy `filter`, `page`, `per_page` 1–20',
    caller: 'producer',
    input: ({ producerArtistId }) => ({
      path: { artist_id: producerArtistId },
      query: { status: 'all', type: 'sales', filter: 'all', page: 1, per_page: 20 },
    }),
  },
} satisfies { [K in OperationId]?: Documented<K> };

type DocumentedId = keyof typeof DOCUMENTED;
const documented = (operationId: DocumentedId) => DOCUMENTED[operationId] as Documented<DocumentedId>;

let seeded: Seeded;

beforeAll(async () => {
  const one = async <T>(query: ReturnType<typeof sql>) => (await t.server.rows<T>(query))[0]!;
  const producer = await one<{ id: number }>(sql`select id from users where email = 'producer@beatpass.test'`);
  seeded = {
    producerArtistId: (await one<{ id: number }>(sql`select id from artists where user_id = ${producer.id}`)).id,
    producerTrackId: (await one<{ id: number }>(sql`select id from tracks where owner_id = ${producer.id} order by id limit 1`)).id,
    playlistId: (await one<{ id: number }>(sql`select p.id from playlists p where p.public order by p.id limit 1`)).id,
    license: await one<{ uuid: string; trackId: number }>(
      sql`select l.uuid::text as uuid, l.track_id as "trackId" from licenses l join tracks t on t.id = l.track_id where t.owner_id = ${producer.id} order by l.id limit 1`,
    ),
    tagName: (
      await one<{ name: string }>(sql`select t.name from tags t join track_tags tt on tt.tag_id = t.id group by t.name order by count(*) desc, 1 limit 1`)
    ).name,
  };
});

/** Sends the named documented parameters (with the case's context) as the case's caller. */
async function send(operationId: DocumentedId, names: readonly string[]) {
  const entry = documented(operationId);
  const { path, query } = entry.input(seeded) as { path?: Record<string, Scalar>; query: Record<string, Scalar> };
  const sent = [...((entry.context as readonly string[] | undefined) ?? []), ...names];
  return t.as[entry.caller].callUnchecked(operationId, { path, query: Object.fromEntries(sent.map((name) => [name, query[name]!])) });
}

interface DeclaredParameter {
  name: string;
  in: string;
  deprecated?: boolean;
  description?: string;
}

function declaredQueryParameter(operationId: OperationId, name: string): DeclaredParameter | undefined {
  const { path, method } = operationTable[operationId];
  const parameters = (spec.paths[path]?.[method.toLowerCase()]?.parameters ?? []) as DeclaredParameter[];
  return parameters.find((p) => p.in === 'query' && p.name === name);
}

// The test names are needed before the data is seeded; the parameter names do not depend on it.
const UNSEEDED: Seeded = { producerArtistId: 0, producerTrackId: 0, playlistId: 0, tagName: '', license: { uuid: '', trackId: 0 } };
const cases = (Object.keys(DOCUMENTED) as DocumentedId[]).flatMap((operationId) =>
  Object.keys(documented(operationId).input(UNSEEDED).query).map((name) => ({ operationId, name })),
);

describe('query parameters BeatPass documents', () => {
  it.each(cases)('$operationId accepts ?$name', async ({ operationId, name }) => {
    const reply = await send(operationId, [name]);
    expect(reply.status, `${operationId}?${name}: ${JSON.stringify(reply.body)}`).toBe(200);
  });

  it.each(Object.keys(DOCUMENTED) as DocumentedId[])('%s accepts all its documented parameters together', async (operationId) => {
    const reply = await send(operationId, Object.keys(documented(operationId).input(seeded).query));
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  });

  it('declares each one in the spec, and the ones BeatPass ignores as deprecated, saying so', () => {
    for (const { operationId, name } of cases) {
      const parameter = declaredQueryParameter(operationId, name);
      expect(parameter, `${operationId} declares ${name}`).toBeDefined();
      if ((documented(operationId).ignored as readonly string[] | undefined)?.includes(name)) {
        expect(parameter?.deprecated, `${operationId} ${name} is deprecated`).toBe(true);
        expect(parameter?.description).toMatch(/BeatPass's code (ignores|answers)/);
      }
    }
    expect(declaredQueryParameter('getTrack', 'loader')?.deprecated).toBeUndefined();
  });
});

describe('query parameters no source documents', () => {
  it('are refused with 422 naming the parameter, typos included', async () => {
    const typo = await t.as.anonymous.callUnchecked('listTracks', { query: { pre_page: 5 } });
    expectStatus(typo, 422);
    expect(typo.body.errors).toEqual({ pre_page: ['The pre_page parameter is not allowed.'] });

    // `with` is documented for the track, album and artist pages only.
    const elsewhere = await t.as.anonymous.callUnchecked('listGenres', { query: { with: 'tags' } });
    expectStatus(elsewhere, 422);
    expect(elsewhere.body.errors).toEqual({ with: ['The with parameter is not allowed.'] });
  });

  it('refuses any loader but the documented default, with 422 naming `loader`', async () => {
    // `track`, `album` and `artist` stand for loaders BeatPass may have but no source documents.
    const refused = [
      ['getTrack', { path: { track_id: 1 }, query: { loader: 'track' } }],
      ['getTrack', { path: { track_id: 1 }, query: { loader: 'trackpage' } }],
      ['getAlbum', { path: { album_id: 1 }, query: { loader: 'album' } }],
      ['getArtist', { path: { artist_id: 1 }, query: { loader: 'artist' } }],
    ] as const;
    for (const [operationId, input] of refused) {
      const reply = await t.as.listener.callUnchecked(operationId, input);
      expectStatus(reply, 422);
      expect(Object.keys(reply.body.errors), `${operationId} ${JSON.stringify(input.query)}`).toEqual(['loader']);
    }
  });
});

describe('loader and with', () => {
  it('change nothing: the documented loader is the default, `with` is ignored as on BeatPass, and the answer names the loader', async () => {
    const reads = [
      ['getTrack', { path: { track_id: 1 } }, { loader: 'trackPage', with: 'tags' }, 'trackPage'],
      ['getAlbum', { path: { album_id: 1 } }, { loader: 'albumPage', with: 'tags' }, 'albumPage'],
      ['getArtist', { path: { artist_id: 1 } }, { loader: 'artistPage', with: 'genres' }, 'artistPage'],
    ] as const;
    for (const caller of ['anonymous', 'listener'] as const) {
      for (const [operationId, { path }, query, loader] of reads) {
        const plain = await t.as[caller].callUnchecked(operationId, { path });
        expectStatus(plain, 200);
        expect(plain.body.loader).toBe(loader);
        for (const sent of [{ loader: query.loader }, { with: query.with }, query]) {
          const reply = await t.as[caller].callUnchecked(operationId, { path, query: sent });
          expectStatus(reply, 200);
          expect(reply.body, `${caller} ${operationId} ${JSON.stringify(sent)}`).toEqual(plain.body);
        }
      }
    }
  });
});
