import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent } from '../../support/http.js';

const t = useTestServer({ signIn: ['listener'] });
let producerArtistId: number;

interface Expected {
  id: number;
  name: string;
  avatar: string | null;
  verified: boolean;
  track_count: number;
  common_genres: string[];
  similarity_score: number;
}

beforeAll(async () => {
  producerArtistId = await t.server.artistIdOf('producer@beatpass.test');
});

const recommendations = (agent: Agent, id: number, query: { limit?: number } = {}) =>
  agent.call('listArtistCollaborationRecommendations', { path: { artist_id: id }, query });

/** Every other artist ranked by the documented rule, computed here in plain TypeScript. */
async function expectedRanking(artistId: number): Promise<{ genres: string[]; ranked: Expected[] }> {
  const uses = await t.server.rows<{ artist_id: number; genre_id: number; name: string; n: number }>(sql`
    select ta.artist_id, g.id as genre_id, g.name, count(*)::int as n
    from track_artists ta join track_genres tg on tg.track_id = ta.track_id join genres g on g.id = tg.genre_id
    group by ta.artist_id, g.id, g.name`);
  const partners = new Set(
    (
      await t.server.rows<{ id: number }>(sql`
    select b.artist_id as id from track_artists a join track_artists b on b.track_id = a.track_id where a.artist_id = ${artistId}
    union select b.artist_id from album_artists a join album_artists b on b.album_id = a.album_id where a.artist_id = ${artistId}`)
    ).map((r) => r.id),
  );
  const artists = await t.server.rows<{ id: number; name: string; image_small: string | null; verified: boolean; tracks: number }>(sql`
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
      id: artist.id,
      name: artist.name,
      avatar: artist.image_small,
      verified: artist.verified,
      track_count: artist.tracks,
      common_genres: common.map((g) => g.name),
      similarity_score: Math.round((dot / (norm(mine) * norm(theirs))) * 1e4) / 1e4,
    });
  }
  ranked.sort(
    (a, b) => b.similarity_score - a.similarity_score || b.common_genres.length - a.common_genres.length || b.track_count - a.track_count || a.id - b.id,
  );
  return { genres: genres.map((g) => g.name), ranked };
}

describe('GET /api/v1/artists/{artist_id}/collaboration-recommendations', () => {
  it('ranks artists by genre similarity, leaving out the artist and its collaborators', async () => {
    const { genres, ranked } = await expectedRanking(producerArtistId);
    const [partners] = await t.server.rows<{ n: number }>(sql`select count(distinct b.artist_id)::int as n from track_artists a
      join track_artists b on b.track_id = a.track_id where a.artist_id = ${producerArtistId} and b.artist_id <> a.artist_id`);
    expect(partners!.n).toBeGreaterThan(0);
    expect(ranked.length).toBeGreaterThan(10);

    const reply = await recommendations(t.as.listener, producerArtistId, { limit: 50 });
    expectStatus(reply, 200);
    expect(reply.body.artist_genres).toEqual(genres);
    expect(reply.body.total_found).toBe(ranked.length);
    expect(reply.body.recommendations.map((r) => r.id)).toEqual(ranked.slice(0, 50).map((r) => r.id));
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
      recommendations(t.as.listener, producerArtistId),
      recommendations(t.as.listener, producerArtistId),
      recommendations(t.as.anonymous, producerArtistId, { limit: 3 }),
    ]);
    expectStatus(first, 200);
    expect(first.body.recommendations).toHaveLength(10);
    expect(second.body).toEqual(first.body);
    expectStatus(anon, 200);
    expect(anon.body.total_found).toBe(first.body.total_found);
    expect(anon.body.recommendations).toEqual(
      first.body.recommendations.slice(0, 3).map(({ id, name, common_genres, similarity_score }) => ({ id, name, common_genres, similarity_score })),
    );
  });

  it('drops an artist from the list once it collaborates on a track', async () => {
    const before = await recommendations(t.as.listener, producerArtistId);
    expectStatus(before, 200);
    const top = before.body.recommendations[0]!;
    const [track] = await t.server.rows<{ id: number }>(
      sql`select track_id as id from track_artists where artist_id = ${producerArtistId} order by track_id limit 1`,
    );
    await t.server.rows(sql`insert into track_artists (track_id, artist_id, position) values (${track!.id}, ${top.id}, 5)`);
    const after = await recommendations(t.as.listener, producerArtistId);
    expectStatus(after, 200);
    expect(after.body.recommendations.map((r) => r.id)).not.toContain(top.id);
    expect(after.body.total_found).toBe(before.body.total_found - 1);
  });

  it('gives an artist without tracks empty lists', async () => {
    const [row] = await t.server.rows<{ id: number }>(sql`insert into artists (name) values ('Silent Newcomer') returning id`);
    const reply = await recommendations(t.as.anonymous, row!.id);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ artist_genres: [], total_found: 0, recommendations: [] });
  });

  it('answers 404 for an unknown artist, 422 for a bad id or limit and 401 for an invalid token', async () => {
    const missing = await recommendations(t.as.anonymous, 999999);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Artist not found.' });
    for (const limit of [0, 51, 'ten']) {
      const reply = await t.as.anonymous.callUnchecked('listArtistCollaborationRecommendations', { path: { artist_id: producerArtistId }, query: { limit } });
      expectStatus(reply, 422);
      expect(reply.body.errors, `?limit=${limit}`).toHaveProperty('limit');
    }
    expect((await t.as.anonymous.callUnchecked('listArtistCollaborationRecommendations', { path: { artist_id: 0 } })).status).toBe(422);
    const refused = await recommendations(t.server.bearer('1|not-a-real-token'), producerArtistId);
    expect(refused.status).toBe(401);
  });
});
