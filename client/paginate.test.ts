import { describe, expect, expectTypeOf, it } from 'vitest';
import type { components } from '../generated/api.js';
import { fakeFetch, json, lengthAwarePage } from '../test/client/fake-fetch.js';
import { BeatPassError, createBeatPassClient, paginate } from './index.js';

const BASE = 'http://api.test';
const track = (id: number) => ({
  id,
  name: `Track ${id}`,
  image: null,
  created_at: '2026-02-11T14:03:27.000000Z',
  model_type: 'track' as const,
  duration_text: '3:05',
});

/** Serves `total` tracks, `per_page` at a time, honouring `page` like Laravel. */
function trackServer(total: number) {
  return fakeFetch((request) => {
    const page = Number(request.url.searchParams.get('page') ?? 1);
    const perPage = Number(request.url.searchParams.get('per_page') ?? 15);
    const ids = Array.from({ length: total }, (_, i) => i + 1).slice((page - 1) * perPage, page * perPage);
    return json(200, lengthAwarePage(ids.map(track), page, perPage, total));
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('paginate', () => {
  it('walks every page of a list and keeps the caller’s query', async () => {
    const server = trackServer(5);
    const client = createBeatPassClient({ baseUrl: BASE, fetch: server.fetch });

    const items = await collect(paginate(client, '/api/v1/tracks', { params: { query: { query: 'dark', per_page: 2 } } }));

    expect(items).toEqual([1, 2, 3, 4, 5].map(track));
    expect(server.sent.map((r) => r.url.search)).toEqual(['?query=dark&per_page=2&page=1', '?query=dark&per_page=2&page=2', '?query=dark&per_page=2&page=3']);
  });

  it('starts at the page the caller asks for', async () => {
    const server = trackServer(5);
    const client = createBeatPassClient({ baseUrl: BASE, fetch: server.fetch });

    const items = await collect(paginate(client, '/api/v1/tracks', { params: { query: { per_page: 2, page: 2 } } }));

    expect(items.map((t) => t.id)).toEqual([3, 4, 5]);
    expect(server.sent).toHaveLength(2);
  });

  it('makes one request for an empty list', async () => {
    const server = trackServer(0);
    const client = createBeatPassClient({ baseUrl: BASE, fetch: server.fetch });

    expect(await collect(paginate(client, '/api/v1/genres'))).toEqual([]);
    expect(server.sent).toHaveLength(1);
  });

  it('stops lazily when the caller breaks out', async () => {
    const server = trackServer(10);
    const client = createBeatPassClient({ baseUrl: BASE, fetch: server.fetch });

    for await (const item of paginate(client, '/api/v1/tracks', { params: { query: { per_page: 3 } } })) {
      if (item.id === 2) break;
    }

    expect(server.sent).toHaveLength(1);
  });

  it('throws BeatPassError when a page fails', async () => {
    const fake = fakeFetch((request) =>
      request.url.searchParams.get('page') === '1'
        ? json(200, lengthAwarePage([track(1)], 1, 1, 2))
        : json(422, { message: 'The page field must be at least 1.', errors: { page: ['The page field must be at least 1.'] } }),
    );
    const client = createBeatPassClient({ baseUrl: BASE, fetch: fake.fetch });
    const seen: number[] = [];

    const error = await (async () => {
      for await (const item of paginate(client, '/api/v1/tracks', { params: { query: { per_page: 1 } } })) seen.push(item.id);
    })().catch((e: unknown) => e);

    expect(seen).toEqual([1]);
    expect(error).toBeInstanceOf(BeatPassError);
    expect(error).toMatchObject({ status: 422, fieldErrors: { page: ['The page field must be at least 1.'] } });
  });

  it('refuses a server that ignores the page parameter instead of looping', async () => {
    const fake = fakeFetch(() => json(200, lengthAwarePage([track(1)], 1, 1, 3)));
    const client = createBeatPassClient({ baseUrl: BASE, fetch: fake.fetch });

    await expect(collect(paginate(client, '/api/v1/tracks'))).rejects.toThrow('answered page 1 when asked for page 2');
    expect(fake.sent).toHaveLength(2);
  });

  it('refuses an operation that the contract does not mark as length-aware', async () => {
    const client = createBeatPassClient({ baseUrl: BASE, fetch: fakeFetch(() => json(200, { tokens: [] })).fetch });

    // @ts-expect-error listDeveloperTokens is not paginated, and the types say so too
    await expect(collect(paginate(client, '/api/v1/developer-tokens'))).rejects.toThrow('not a length-aware paginated operation');
  });

  it('infers the item type from the generated types', () => {
    const client = createBeatPassClient({ baseUrl: BASE });
    expectTypeOf(paginate(client, '/api/v1/genres')).toEqualTypeOf<AsyncGenerator<components['schemas']['Genre'], void, undefined>>();
    expectTypeOf(paginate(client, '/api/v1/tracks')).toEqualTypeOf<
      AsyncGenerator<components['schemas']['Track'] | components['schemas']['TrackPublic'], void, undefined>
    >();
  });
});
