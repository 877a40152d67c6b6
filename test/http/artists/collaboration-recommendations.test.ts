import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../support/http.js';
import { startTestServer, type TestServer } from '../../support/server.js';

let server: TestServer;
let anonymous: Agent;
let listener: Agent;
let producerArtistId: number;

interface Expected { id: number; name: string; avatar: string | null; verified: boolean; track_count: number; common_genres: string[]; similarity_score: number }

beforeAll(async () => {
  server = await startTestServer();
  anonymous = new Agent(server.baseUrl);
  listener = await server.signIn('listener@beatpass.test');
  producerArtistId = await server.artistIdOf('producer@beatpass.test');
});
afterAll(async () => { await server.close(); });

const recommendations = (agent: Agent, id: number | string, query = '') =>
  agent.request('GET', `/api/v1/artists/${id}/collaboration-recommendations${query}`);

/** Every other artist ranked by the documented rule, computed here in plain TypeScript. */
async function expectedRanking(artistId: number): Promise<{ genres: string[]; ranked: Expected[] }> {
  const uses = await server.rows<{ artist_id: number; genre_id: number; name: string; n: number }>(sql`
    select ta.artist_id, g.id as genre_id, g.name, count(*)::int as n
    from track_artists ta join track_genres tg on tg.track_id = ta.track_id join genres g on g.id = tg.genre_id
    group by ta.artist_id, g.id, g.name`);
  const partners = new Set((await server.rows<{ id: number }>(sql`
    select b.artist_id as id from track_artists a join track_artists b on b.track_id = a.track_id where a.artist_id = ${artistId}
    union select b.artist_id from album_artists a join album_artists b on b.album_id = a.album_id where a.artist_id = ${artistId}`)).map((r) => r.id));
  const artists = await server.rows<{ id: number; name: string; image_small: string | null; verified: boolean; tracks: number }>(sql`
    select a.id, a.name, a.image_small, a.verified, (select count(*)::int from track_artists ta where ta.artist_id = a.id) as tracks from artists a`);

  const profile = (id: number) => new Map(uses.filter((u) => u.artist_id === id).map((u) => [u.genre_id, u]));
  const mine = profile(artistId);
  const genres = [...mine.values()].sort((a, b) => b.n - a.n || a.genre_id - b.genre_id);
  const norm = (p: Map<number, { n: number }>) => Math.sqrt([...p.values()].reduce((s, u) => s + u.n * u.n, 0));
  const ranked: Expected[] = [];
  for (const artist of artists) {
    if (artist.id === artistId || partners.has(artist.id)) continue;
    const theirs = profile(artist.id);
    const common = genres.filter((g) => theirs.has(g.genre_id));
    if (common.length === 0) continue;
    const dot = common.reduce((s, g) => s + g.n * theirs.get(g.genre_id)!.n, 0);
    ranked.push({
      id: artist.id, name: artist.name, avatar: artist.image_small, verified: artist.verified, track_count: artist.tracks,
      common_genres: common.map((g) => g.name), similarity_score: Math.round((dot / (norm(mine) * norm(theirs))) * 1e4) / 1e4,
    });
  }
  ranked.sort((a, b) => b.similarity_score - a.similarity_score || b.common_genres.length - a.common_genres.length
    || b.track_count - a.track_count || a.id - b.id);
  return { genres: genres.map((g) => g.name), ranked };
}

describe('GET /api/v1/artists/{artist_id}/collaboration-recommendations', () => {
  it('ranks artists by genre similarity, leaving out the artist and its collaborators', async () => {
    const { genres, ranked } = await expectedRanking(producerArtistId);
    const [partners] = await server.rows<{ n: number }>(sql`select count(distinct b.artist_id)::int as n from track_artists a
      join track_artists b on b.track_id = a.track_id where a.artist_id = ${producerArtistId} and b.artist_id <> a.artist_id`);
    expect(partners!.n).toBeGreaterThan(0);
    expect(ranked.length).toBeGreaterThan(10);

    const reply = await recommendations(listener, producerArtistId, '?limit=50');
    expect(reply.status).toBe(200);
    expect(reply.body.artist_genres).toEqual(genres);
    expect(reply.body.total_found).toBe(ranked.length);
    expect(reply.body.recommendations.map((r: Expected) => r.id)).toEqual(ranked.slice(0, 50).map((r) => r.id));
    for (const [i, recommendation] of reply.body.recommendations.entries()) {
      const { similarity_score, ...rest } = ranked[i]!;
      expect(recommendation).toMatchObject(rest);
      expect(recommendation.similarity_score).toBeCloseTo(similarity_score, 4);
      expect(recommendation.similarity_score).toBeGreaterThan(0);
      expect(recommendation.similarity_score).toBeLessThanOrEqual(1);
    }
  });

  it('returns 10 by default, the same list on every call, and minimal artists to anonymous callers', async () => {
    const [first, second, anon] = await Promise.all([
      recommendations(listener, producerArtistId),
      recommendations(listener, producerArtistId),
      recommendations(anonymous, producerArtistId, '?limit=3'),
    ]);
    expect(first.body.recommendations).toHaveLength(10);
    expect(second.body).toEqual(first.body);
    expect(anon.status).toBe(200);
    expect(anon.body.total_found).toBe(first.body.total_found);
    expect(anon.body.recommendations).toEqual(first.body.recommendations.slice(0, 3).map(
      ({ id, name, common_genres, similarity_score }: Expected) => ({ id, name, common_genres, similarity_score })));
  });

  it('drops an artist from the list once it collaborates on a track', async () => {
    const before = await recommendations(listener, producerArtistId);
    const top = before.body.recommendations[0] as Expected;
    const [track] = await server.rows<{ id: number }>(sql`select track_id as id from track_artists where artist_id = ${producerArtistId} order by track_id limit 1`);
    await server.rows(sql`insert into track_artists (track_id, artist_id, position) values (${track!.id}, ${top.id}, 5)`);
    const after = await recommendations(listener, producerArtistId);
    expect(after.body.recommendations.map((r: Expected) => r.id)).not.toContain(top.id);
    expect(after.body.total_found).toBe(before.body.total_found - 1);
  });

  it('gives an artist without tracks empty lists', async () => {
    const [row] = await server.rows<{ id: number }>(sql`insert into artists (name) values ('Silent Newcomer') returning id`);
    const reply = await recommendations(anonymous, row!.id);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ artist_genres: [], total_found: 0, recommendations: [] });
  });

  it('answers 404 for an unknown artist, 422 for a bad id or limit and 401 for an invalid token', async () => {
    const missing = await recommendations(anonymous, 999999);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Artist not found.' });
    for (const query of ['?limit=0', '?limit=51', '?limit=ten']) {
      const reply = await recommendations(anonymous, producerArtistId, query);
      expect(reply.status, query).toBe(422);
      expect(reply.body.errors).toHaveProperty('limit');
    }
    expect((await recommendations(anonymous, 0)).status).toBe(422);
    const refused = await recommendations(new Agent(server.baseUrl, { authorization: 'Bearer 1|not-a-real-token' }), producerArtistId);
    expect(refused.status).toBe(401);
  });
});
