import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../support/http.js';
import { startTestServer, type TestServer } from '../../support/server.js';

let server: TestServer;
let anonymous: Agent;
let listener: Agent;

const PUBLIC_TRACK_KEYS = ['created_at', 'duration_text', 'id', 'image', 'model_type', 'name'];
const PUBLIC_ALBUM_KEYS = ['id', 'image', 'model_type', 'name', 'release_date'];
const SIMPLE_PAGE_KEYS = ['current_page', 'data', 'first_page_url', 'from', 'next_page_url', 'path', 'per_page', 'prev_page_url', 'to'];

beforeAll(async () => {
  server = await startTestServer();
  anonymous = new Agent(server.baseUrl);
  listener = await server.signIn('listener@beatpass.test');
});
afterAll(async () => { await server.close(); });

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await server.rows<{ n: number }>(query);
  return row!.n;
}

describe('GET /api/v1/genres/{genre_name}', () => {
  it('returns the genre and a length-aware page of its tracks, newest first', async () => {
    const total = await count(sql`select count(*)::int as n from track_genres tg join genres g on g.id = tg.genre_id where g.name = 'trap'`);
    const reply = await anonymous.request('GET', '/api/v1/genres/trap');
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('success');
    expect(reply.body.genre).toEqual({ id: expect.any(Number), name: 'trap', display_name: 'Trap', model_type: 'genre' });
    expect(reply.body.tracks).toMatchObject({ current_page: 1, per_page: 15, total });
    for (const track of reply.body.tracks.data) expect(Object.keys(track).sort()).toEqual(PUBLIC_TRACK_KEYS);
    const dates = reply.body.tracks.data.map((t: { created_at: string }) => t.created_at);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(reply.body.tracks.next_page_url).toBe(`${server.baseUrl}/api/v1/genres/trap?page=2`);
  });

  it('gives signed-in callers rich tracks of the genre, and matches the name case-insensitively', async () => {
    const reply = await listener.request('GET', '/api/v1/genres/Hip-Hop?per_page=50');
    expect(reply.status).toBe(200);
    expect(reply.body.genre.name).toBe('hip-hop');
    for (const track of reply.body.tracks.data) {
      expect(track.genres.map((g: { name: string }) => g.name)).toContain('hip-hop');
    }
  });

  it('answers an unknown genre with 404 and a bad page with 422', async () => {
    const missing = await anonymous.request('GET', '/api/v1/genres/polka');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Genre not found.' });
    expect((await anonymous.request('GET', '/api/v1/genres/trap?page=0')).status).toBe(422);
  });
});

describe('GET /api/v1/tags/{tag_name}/tracks', () => {
  it('pages tagged tracks 15 at a time with simple pagination', async () => {
    const [top] = await server.rows<{ name: string; n: number }>(sql`select t.name, count(*)::int as n
      from tags t join track_tags tt on tt.tag_id = t.id group by t.name order by 2 desc, 1 limit 1`);
    expect(top!.n).toBeGreaterThan(15);
    const reply = await anonymous.request('GET', `/api/v1/tags/${top!.name}/tracks`);
    expect(reply.status).toBe(200);
    const page = reply.body.pagination;
    expect(Object.keys(page).sort()).toEqual(SIMPLE_PAGE_KEYS);
    expect(page).toMatchObject({ current_page: 1, per_page: 15, from: 1, to: 15, prev_page_url: null });
    expect(page.next_page_url).toBe(`${server.baseUrl}/api/v1/tags/${top!.name}/tracks?page=2`);
    for (const track of page.data) expect(Object.keys(track).sort()).toEqual(PUBLIC_TRACK_KEYS);

    const seen = new Set<number>();
    let url: string | null = `/api/v1/tags/${top!.name}/tracks?per_page=7`;
    while (url) {
      const next: { body: { pagination: { data: { id: number }[]; next_page_url: string | null } } } = await anonymous.request('GET', url);
      for (const track of next.body.pagination.data) seen.add(track.id);
      url = next.body.pagination.next_page_url?.replace(server.baseUrl, '') ?? null;
    }
    expect(seen.size).toBe(top!.n);
  });

  it('gives signed-in callers rich tracks that carry the tag', async () => {
    const reply = await listener.request('GET', '/api/v1/tags/DARK/tracks?perPage=20');
    expect(reply.status).toBe(200);
    for (const track of reply.body.pagination.data) {
      expect(track.tags.map((t: { name: string }) => t.name)).toContain('dark');
    }
  });

  it('answers an unknown tag with 404 and an empty page past the end', async () => {
    const missing = await anonymous.request('GET', '/api/v1/tags/nope/tracks');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Tag not found.' });
    const past = await anonymous.request('GET', '/api/v1/tags/dark/tracks?page=999');
    expect(past.body.pagination).toMatchObject({ data: [], from: null, to: null, next_page_url: null });
  });
});

describe('GET /api/v1/tags/{tag_name}/albums', () => {
  it('lists the albums whose tracks carry the tag, with simple pagination', async () => {
    const [tag] = await server.rows<{ name: string; n: number }>(sql`select t.name, count(distinct tr.album_id)::int as n
      from tags t join track_tags tt on tt.tag_id = t.id join tracks tr on tr.id = tt.track_id
      where tr.album_id is not null group by t.name order by 2 desc, 1 limit 1`);
    expect(tag!.n).toBeGreaterThan(1);
    const reply = await anonymous.request('GET', `/api/v1/tags/${tag!.name}/albums?per_page=100`);
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body.pagination).sort()).toEqual(SIMPLE_PAGE_KEYS);
    expect(reply.body.pagination.data).toHaveLength(tag!.n);
    for (const album of reply.body.pagination.data) expect(Object.keys(album).sort()).toEqual(PUBLIC_ALBUM_KEYS);

    const rich = await listener.request('GET', `/api/v1/tags/${tag!.name}/albums?per_page=1`);
    expect(rich.body.pagination.data[0].tags.map((t: { name: string }) => t.name)).toContain(tag!.name);
    expect(rich.body.pagination.next_page_url).not.toBeNull();
  });

  it('answers an unknown tag with 404', async () => {
    const missing = await anonymous.request('GET', '/api/v1/tags/nope/albums');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Tag not found.' });
  });
});
