import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACHIEVEMENT_RULES, type ArtistMetrics } from '../../../server/domains/artists/achievements.js';
import { useTestServer } from '../../support/fixture.js';
import { asSchema } from '../../support/schemas.js';
import { expectStatus } from '../../support/http.js';

const t = useTestServer({ signIn: ['listener'] });
let producerArtistId: number;

const PUBLIC_KEYS = ['description', 'id', 'name', 'rarity', 'unlocked', 'xp'];
const RICH_KEYS = ['current', 'description', 'id', 'metric', 'name', 'progress', 'rarity', 'threshold', 'unlocked', 'xp'];

beforeAll(async () => {
  producerArtistId = await t.server.artistIdOf('producer@beatpass.test');
});

const achievementsOf = (id: number) => ({ path: { artist_id: id } });

/** The counts the rules read, queried here independently of the server's own query. */
async function expectedMetrics(artistId: number): Promise<ArtistMetrics> {
  const [row] = await t.server.rows<Record<string, number>>(sql`
    with mine as (select t.* from tracks t join track_artists ta on ta.track_id = t.id where ta.artist_id = ${artistId})
    select
      (select count(*)::int from mine) as tracks,
      (select coalesce(sum(plays), 0)::int from mine) as plays,
      (select coalesce(sum(likes_count), 0)::int from mine) as likes,
      (select count(*)::int from artist_followers where artist_id = ${artistId}) as followers,
      (select count(*)::int from mine m where (select count(*) from track_artists x where x.track_id = m.id) > 1) as collaborations,
      (select count(*)::int from album_artists where artist_id = ${artistId}) as albums,
      (select count(*)::int from mine m where trim(coalesce(m.description, '')) <> '' and trim(coalesce(m.image, '')) <> ''
        and m.id in (select track_id from track_genres) and m.id in (select track_id from track_tags)) as complete_metadata`);
  return row as unknown as ArtistMetrics;
}

describe('GET /api/v1/artists/{artist_id}/producer-achievements', () => {
  it('computes every achievement, its progress and the XP from the catalog for a signed-in caller', async () => {
    const reply = await t.as.listener.call('listArtistProducerAchievements', achievementsOf(producerArtistId));
    expectStatus(reply, 200);
    const body = asSchema('ProducerAchievements', reply.body);
    const metrics = await expectedMetrics(producerArtistId);
    expect(metrics.tracks).toBeGreaterThan(10);
    expect(metrics.collaborations).toBeGreaterThan(0);

    expect(body.artist_id).toBe(producerArtistId);
    expect(body.achievements.map((a) => a.id)).toEqual(ACHIEVEMENT_RULES.map((r) => r.id));
    expect(body.total_count).toBe(ACHIEVEMENT_RULES.length);
    for (const [i, achievement] of body.achievements.entries()) {
      const rule = ACHIEVEMENT_RULES[i]!;
      const current = metrics[rule.metric];
      expect(Object.keys(achievement).sort()).toEqual(RICH_KEYS);
      expect(achievement).toEqual({
        ...rule,
        current,
        unlocked: current >= rule.threshold,
        progress: current >= rule.threshold ? 100 : Math.floor((100 * current) / rule.threshold),
      });
    }
    const unlocked = body.achievements.filter((a) => a.unlocked);
    expect(body.unlocked_count).toBe(unlocked.length);
    expect(unlocked.length).toBeGreaterThan(0);
    expect(unlocked.length).toBeLessThan(ACHIEVEMENT_RULES.length);

    const sources = {
      uploads: 100 * metrics.tracks,
      plays: metrics.plays,
      complete_metadata: 50 * metrics.complete_metadata,
      collaborations: 25 * metrics.collaborations,
      achievements: unlocked.reduce((sum, a) => sum + a.xp, 0),
    };
    expect(body.xp.sources).toEqual(sources);
    expect(body.xp.total).toBe(Object.values(sources).reduce((s, n) => s + n, 0));
    expect(body.xp.level_xp).toBeLessThanOrEqual(body.xp.total);
    if (body.xp.next_level_xp !== null) expect(body.xp.next_level_xp).toBeGreaterThan(body.xp.total);
  });

  it('gives anonymous callers the same badges without counts, progress or XP', async () => {
    const [anon, rich] = await Promise.all([
      t.as.anonymous.call('listArtistProducerAchievements', achievementsOf(producerArtistId)),
      t.as.listener.call('listArtistProducerAchievements', achievementsOf(producerArtistId)),
    ]);
    expectStatus(anon, 200);
    expectStatus(rich, 200);
    expect(Object.keys(anon.body).sort()).toEqual(['achievements', 'artist_id', 'total_count', 'unlocked_count']);
    for (const achievement of anon.body.achievements) expect(Object.keys(achievement).sort()).toEqual(PUBLIC_KEYS);
    const badges = (body: { achievements: { id: string; unlocked: boolean }[] }) => body.achievements.map(({ id, unlocked }) => ({ id, unlocked }));
    expect(badges(anon.body)).toEqual(badges(rich.body));
    expect(anon.body.unlocked_count).toBe(rich.body.unlocked_count);
  });

  it('starts a new artist at level 1 with nothing unlocked, and unlocks as the data changes', async () => {
    const [row] = await t.server.rows<{ id: number }>(sql`insert into artists (name) values ('Brand New Producer') returning id`);
    const id = row!.id;
    const fresh = await t.as.listener.call('listArtistProducerAchievements', achievementsOf(id));
    expectStatus(fresh, 200);
    expect(fresh.body.unlocked_count).toBe(0);
    expect(asSchema('ProducerAchievements', fresh.body).xp).toEqual({
      total: 0,
      level: 1,
      title: 'Novice',
      level_xp: 0,
      next_level_xp: 1000,
      sources: { uploads: 0, plays: 0, complete_metadata: 0, collaborations: 0, achievements: 0 },
    });
    expect(asSchema('ProducerAchievements', fresh.body).achievements.every((a) => a.current === 0 && a.progress === 0)).toBe(true);

    // A follower and a track with 1,500 plays, shared with the demo producer's artist.
    const [user] = await t.server.rows<{ id: number }>(sql`select id from users where email = 'listener@beatpass.test'`);
    await t.server.rows(sql`insert into artist_followers (artist_id, user_id) values (${id}, ${user!.id})`);
    const [track] = await t.server.rows<{ id: number }>(sql`select t.id from tracks t join track_artists ta on ta.track_id = t.id
      where ta.artist_id = ${producerArtistId} order by t.id limit 1`);
    await t.server.rows(sql`update tracks set plays = 1500, likes_count = 20 where id = ${track!.id}`);
    await t.server.rows(sql`insert into track_artists (track_id, artist_id, position) values (${track!.id}, ${id}, 1)`);

    const afterReply = await t.as.listener.call('listArtistProducerAchievements', achievementsOf(id));
    expectStatus(afterReply, 200);
    const after = asSchema('ProducerAchievements', afterReply.body);
    const unlocked = after.achievements.filter((a) => a.unlocked).map((a) => a.id);
    expect(unlocked).toEqual(['first_drop', 'first_listeners', 'first_fan', 'team_player']);
    const catalog = after.achievements.find((a) => a.id === 'catalog_builder');
    expect(catalog).toMatchObject({ current: 1, threshold: 10, progress: 10, unlocked: false });
    expect(after.xp.sources).toMatchObject({ uploads: 100, plays: 1500, collaborations: 25, achievements: 100 + 100 + 100 + 250 });
    expect(after.xp).toMatchObject({ level: 2, title: 'Apprentice', level_xp: 1000, next_level_xp: 5000 });

    // Unlocks are not stored: losing the follower locks First Fan again.
    await t.server.rows(sql`delete from artist_followers where artist_id = ${id}`);
    const unfollowed = await t.as.anonymous.call('listArtistProducerAchievements', achievementsOf(id));
    expectStatus(unfollowed, 200);
    const achievements: { id: string; unlocked: boolean }[] = unfollowed.body.achievements;
    expect(achievements.find((a) => a.id === 'first_fan')!.unlocked).toBe(false);
  });

  it('answers 404 for an unknown artist, 422 for a malformed id and 401 for an invalid token', async () => {
    const missing = await t.as.anonymous.call('listArtistProducerAchievements', achievementsOf(999999));
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Artist not found.' });
    const malformed = await t.as.anonymous.callUnchecked('listArtistProducerAchievements', { path: { artist_id: 0 } });
    expectStatus(malformed, 422);
    expect(malformed.body.errors).toHaveProperty('artist_id');
    const badToken = t.server.bearer('1|not-a-real-token');
    const refused = await badToken.call('listArtistProducerAchievements', achievementsOf(producerArtistId));
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ message: 'Unauthenticated.' });
  });

  it('documents the same rule table in the spec as the code uses', () => {
    const spec = JSON.parse(readFileSync(new URL('../../../generated/openapi.json', import.meta.url), 'utf8')) as {
      paths: Record<string, { get: { description: string } }>;
    };
    const { description } = spec.paths['/api/v1/artists/{artist_id}/producer-achievements']!.get;
    const documented = [...description.matchAll(/^\| `(\w+)` \| `(\w+)` \| ([\d,]+) \| ([\d,]+) \| (\w+) \|$/gm)].map(
      ([, id, metric, threshold, xp, rarity]) => ({ id, metric, threshold: Number(threshold!.replace(/,/g, '')), xp: Number(xp!.replace(/,/g, '')), rarity }),
    );
    expect(documented).toEqual(ACHIEVEMENT_RULES.map(({ id, metric, threshold, xp, rarity }) => ({ id, metric, threshold, xp, rarity })));
  });
});
