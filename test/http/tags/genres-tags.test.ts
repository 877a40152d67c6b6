import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { components } from '../../../generated/api.js';
import { useTestServer } from '../../support/fixture.js';
import { asSchema } from '../../support/schemas.js';
import { expectStatus, type Reply } from '../../support/http.js';

type TagTracks = components['schemas']['SimpleTrackListEnvelope'];

const t = useTestServer({ signIn: ['listener'] });

const PUBLIC_TRACK_KEYS = ['created_at', 'duration_text', 'id', 'image', 'model_type', 'name'];
const PUBLIC_ALBUM_KEYS = ['id', 'image', 'model_type', 'name', 'release_date'];
const SIMPLE_PAGE_KEYS = ['current_page', 'data', 'first_page_url', 'from', 'next_page_url', 'path', 'per_page', 'prev_page_url', 'to'];

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await t.server.rows<{ n: number }>(query);
  return row!.n;
}

describe('GET /api/v1/genres/{genre_name}', () => {
  it('returns the genre and a length-aware page of its tracks, newest first', async () => {
    const total = await count(sql`select count(*)::int as n from track_genres tg join genres g on g.id = tg.genre_id where g.name = 'trap'`);
    const reply = await t.as.anonymous.call('getGenre', { path: { genre_name: 'trap' } });
    expectStatus(reply, 200);
    expect(reply.body.status).toBe('success');
    expect(reply.body.genre).toEqual({ id: expect.any(Number), name: 'trap', display_name: 'Trap', model_type: 'genre' });
    expect(reply.body.tracks).toMatchObject({ current_page: 1, per_page: 15, total });
    for (const track of reply.body.tracks.data) expect(Object.keys(track).sort()).toEqual(PUBLIC_TRACK_KEYS);
    const dates = reply.body.tracks.data.map((track) => track.created_at);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(reply.body.tracks.next_page_url).toBe(`${t.server.baseUrl}/api/v1/genres/trap?page=2`);
  });

  it('gives signed-in callers rich tracks of the genre, and matches the name case-insensitively', async () => {
    const reply = await t.as.listener.call('getGenre', { path: { genre_name: 'Hip-Hop' }, query: { per_page: 50 } });
    expectStatus(reply, 200);
    expect(reply.body.genre.name).toBe('hip-hop');
    for (const track of reply.body.tracks.data.map((track) => asSchema('Track', track))) {
      expect(track.genres.map((g) => g.name)).toContain('hip-hop');
    }
  });

  it('answers an unknown genre with 404 and a bad page with 422', async () => {
    const missing = await t.as.anonymous.call('getGenre', { path: { genre_name: 'polka' } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Genre not found.' });
    expect((await t.as.anonymous.call('getGenre', { path: { genre_name: 'trap' }, query: { page: 0 } })).status).toBe(422);
  });
});

describe('GET /api/v1/tags/{tag_name}/tracks', () => {
  it('pages tagged tracks 15 at a time with simple pagination', async () => {
    const [top] = await t.server.rows<{ name: string; n: number }>(sql`select t.name, count(*)::int as n
      from tags t join track_tags tt on tt.tag_id = t.id group by t.name order by 2 desc, 1 limit 1`);
    expect(top!.n).toBeGreaterThan(15);
    const reply = await t.as.anonymous.call('listTagTracks', { path: { tag_name: top!.name } });
    expectStatus(reply, 200);
    const page = reply.body.pagination;
    expect(Object.keys(page).sort()).toEqual(SIMPLE_PAGE_KEYS);
    expect(page).toMatchObject({ current_page: 1, per_page: 15, from: 1, to: 15, prev_page_url: null });
    expect(page.next_page_url).toBe(`${t.server.baseUrl}/api/v1/tags/${top!.name}/tracks?page=2`);
    for (const track of page.data) expect(Object.keys(track).sort()).toEqual(PUBLIC_TRACK_KEYS);

    const seen = new Set<number>();
    let url: string | null = `/api/v1/tags/${top!.name}/tracks?per_page=7`;
    while (url) {
      // Follows the server's own next_page_url links as given, so a raw request.
      const next: Reply<TagTracks> = await t.as.anonymous.request<TagTracks>('GET', url);
      for (const track of next.body.pagination.data) seen.add(track.id);
      url = next.body.pagination.next_page_url?.replace(t.server.baseUrl, '') ?? null;
    }
    expect(seen.size).toBe(top!.n);
  });

  it('gives signed-in callers rich tracks that carry the tag', async () => {
    const reply = await t.as.listener.call('listTagTracks', { path: { tag_name: 'DARK' }, query: { perPage: 20 } });
    expectStatus(reply, 200);
    for (const track of reply.body.pagination.data.map((track) => asSchema('Track', track))) {
      expect(track.tags.map((tag) => tag.name)).toContain('dark');
    }
  });

  it('answers an unknown tag with 404 and an empty page past the end', async () => {
    const missing = await t.as.anonymous.call('listTagTracks', { path: { tag_name: 'nope' } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Tag not found.' });
    const past = await t.as.anonymous.call('listTagTracks', { path: { tag_name: 'dark' }, query: { page: 999 } });
    expectStatus(past, 200);
    expect(past.body.pagination).toMatchObject({ data: [], from: null, to: null, next_page_url: null });
  });
});

describe('GET /api/v1/tags/{tag_name}/albums', () => {
  it('lists the albums whose tracks carry the tag, with simple pagination', async () => {
    const [tag] = await t.server.rows<{ name: string; n: number }>(sql`select t.name, count(distinct tr.album_id)::int as n
      from tags t join track_tags tt on tt.tag_id = t.id join tracks tr on tr.id = tt.track_id
      where tr.album_id is not null group by t.name order by 2 desc, 1 limit 1`);
    expect(tag!.n).toBeGreaterThan(1);
    const reply = await t.as.anonymous.call('listTagAlbums', { path: { tag_name: tag!.name }, query: { per_page: 100 } });
    expectStatus(reply, 200);
    expect(Object.keys(reply.body.pagination).sort()).toEqual(SIMPLE_PAGE_KEYS);
    expect(reply.body.pagination.data).toHaveLength(tag!.n);
    for (const album of reply.body.pagination.data) expect(Object.keys(album).sort()).toEqual(PUBLIC_ALBUM_KEYS);

    const rich = await t.as.listener.call('listTagAlbums', { path: { tag_name: tag!.name }, query: { per_page: 1 } });
    expectStatus(rich, 200);
    expect(asSchema('Album', rich.body.pagination.data[0]!).tags.map((tg) => tg.name)).toContain(tag!.name);
    expect(rich.body.pagination.next_page_url).not.toBeNull();
  });

  it('answers an unknown tag with 404', async () => {
    const missing = await t.as.anonymous.call('listTagAlbums', { path: { tag_name: 'nope' } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Tag not found.' });
  });
});
