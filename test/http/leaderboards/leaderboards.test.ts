// Leaderboards rank producers by what the data says: each board's order is checked against
// the producer-achievements rules (score = XP) and against counts computed in SQL, and rows
// inserted here (tracks, plays) move producers up.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACHIEVEMENT_RULES, evaluateAchievements, loadMetricsOfArtists } from '../../../server/domains/artists/achievements.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';

const t = useTestServer({ signIn: ['listener', 'producer'] });
const unique = () => randomUUID().slice(0, 8);
let producerArtistId: number;

beforeAll(async () => {
  producerArtistId = await t.server.artistIdOf('producer@beatpass.test');
});

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await t.server.rows<T>(query);
  return row!;
}

async function newArtist(): Promise<number> {
  return (await one<{ id: number }>(sql`insert into artists (name) values (${`Board Artist ${unique()}`}) returning id`)).id;
}

async function newTrack(artist: number, genre?: number): Promise<number> {
  const { id } = await one<{ id: number }>(sql`insert into tracks (name, duration_ms, bpm, key, scale, licensing_type)
    values (${`Board Track ${unique()}`}, 180000, 120, 'A', 'minor', 'non_exclusive_only') returning id`);
  await t.server.rows(sql`insert into track_artists (track_id, artist_id) values (${id}, ${artist})`);
  if (genre !== undefined) await t.server.rows(sql`insert into track_genres (track_id, genre_id) values (${id}, ${genre})`);
  return id;
}

/** Logs plays as the play routes do: a row each, and the track's counter. */
async function play(trackId: number, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await t.server.rows(sql`insert into plays (track_id, play_token) values (${trackId}, ${randomUUID()})`);
  await t.server.rows(sql`update tracks set plays = plays + ${times} where id = ${trackId}`);
}

type Entry = { id: number; rank: number; value: number; score: number; tier: string; achievement_count: number; is_current_user: boolean };

function expectRanked(entries: Entry[]) {
  expect(entries.map((e) => e.rank)).toEqual(entries.map((_, i) => i + 1));
}

describe('GET /api/v1/leaderboards/global', () => {
  it('ranks producers by XP as their achievements page computes it', async () => {
    const reply = await t.as.anonymous.call('getGlobalLeaderboard', {});
    expectStatus(reply, 200);
    const entries = reply.body.producers;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.length).toBeLessThanOrEqual(50);
    expectRanked(entries);
    const metrics = await loadMetricsOfArtists(
      t.server.database.db,
      entries.map((e) => e.id),
    );
    for (const entry of entries) {
      const xp = evaluateAchievements(metrics.get(entry.id)!).xp;
      expect(entry).toMatchObject({ score: xp.total, tier: xp.title, value: metrics.get(entry.id)!.plays, is_current_user: false });
    }
    const scores = entries.map((e) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The top entry agrees with the artist's achievements page.
    const page = await t.as.listener.call('listArtistProducerAchievements', { path: { artist_id: entries[0]!.id } });
    expectStatus(page, 200);
    expect('xp' in page.body && page.body.xp.total).toBe(entries[0]!.score);
    expect(page.body.unlocked_count).toBe(entries[0]!.achievement_count);
  });
});

describe('GET /api/v1/leaderboards/genre/{genre}', () => {
  it('ranks the genre by plays in it, marks the caller, and follows new plays', async () => {
    const name = `board-${unique()}`;
    const { id: genre } = await one<{ id: number }>(sql`insert into genres (name, display_name) values (${name}, 'Board') returning id`);
    const rival = await newArtist();
    const mine = await newTrack(producerArtistId, genre);
    const theirs = await newTrack(rival, genre);
    await play(theirs, 3);
    await play(mine, 2);

    const before = await t.as.producer.call('getGenreLeaderboard', { path: { genre: name.toUpperCase() } });
    expectStatus(before, 200);
    expect(before.body.genre).toMatchObject({ id: genre, name });
    expect(before.body.producers.map((e) => [e.id, e.value, e.is_current_user])).toEqual([
      [rival, 3, false],
      [producerArtistId, 2, true],
    ]);

    await play(mine, 2);
    const after = await t.as.anonymous.call('getGenreLeaderboard', { path: { genre: name } });
    expectStatus(after, 200);
    expect(after.body.producers.map((e) => [e.id, e.value, e.is_current_user])).toEqual([
      [producerArtistId, 4, false],
      [rival, 3, false],
    ]);
  });

  it('answers 404 for an unknown genre and 422 for an overlong name', async () => {
    const reply = await t.as.anonymous.call('getGenreLeaderboard', { path: { genre: 'no-such-genre-here' } });
    expectStatus(reply, 404);
    expect(reply.body.message).toBe('Genre not found.');
    expectStatus(await t.as.anonymous.call('getGenreLeaderboard', { path: { genre: 'x'.repeat(101) } }), 422);
  });
});

describe('GET /api/v1/leaderboards/rising-stars', () => {
  it('ranks producers under 25,000 XP by plays in the last 30 days', async () => {
    const { n } = await one<{ n: number }>(sql`select coalesce(max(c), 0)::int as n from
      (select count(*) as c from plays p join track_artists ta on ta.track_id = p.track_id
       where p.created_at >= now() - interval '30 days' group by ta.artist_id) p`);
    const newcomer = await newArtist();
    await play(await newTrack(newcomer), n + 1);
    const reply = await t.as.anonymous.call('getRisingStarsLeaderboard', {});
    expectStatus(reply, 200);
    expectRanked(reply.body.producers);
    expect(reply.body.producers[0]).toMatchObject({ id: newcomer, value: n + 1, rank: 1 });
    for (const entry of reply.body.producers) {
      expect(entry.score).toBeLessThan(25_000);
      expect(entry.value).toBeGreaterThan(0);
    }
    const values = reply.body.producers.map((e) => e.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });
});

describe('GET /api/v1/leaderboards/achievements', () => {
  it('ranks producers by unlocked achievements', async () => {
    const reply = await t.as.anonymous.call('getAchievementsLeaderboard', {});
    expectStatus(reply, 200);
    expectRanked(reply.body.producers);
    const values = reply.body.producers.map((e) => e.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    for (const entry of reply.body.producers) expect(entry.value).toBe(entry.achievement_count);
    expect(values[0]).toBeGreaterThan(0);
  });
});

describe('GET /api/v1/leaderboard/stats', () => {
  it('sums the data', async () => {
    const reply = await t.as.anonymous.call('getLeaderboardStats', {});
    expectStatus(reply, 200);
    const expected = await one<{ producers: number; tracks: number; plays: number; follows: number; recent: number }>(sql`select
      (select count(distinct artist_id) from track_artists)::int as producers,
      (select count(*) from tracks)::int as tracks,
      (select coalesce(sum(plays), 0) from tracks)::int as plays,
      (select count(*) from artist_followers)::int as follows,
      (select count(*) from plays where created_at >= now() - interval '30 days')::int as recent`);
    expect(reply.body).toMatchObject({
      total_producers: expected.producers,
      total_tracks: expected.tracks,
      total_plays: expected.plays,
      total_follows: expected.follows,
      recent_plays: expected.recent,
      period_days: 30,
    });
    expect(reply.body.tiers.map((tier) => tier.tier)).toEqual(['Novice', 'Apprentice', 'Rising', 'Established', 'Pro', 'Elite', 'Legend']);
    expect(reply.body.tiers.reduce((sum, tier) => sum + tier.producers, 0)).toBe(expected.producers);
  });
});

describe('GET /api/v1/achievements/{achievementId}/details', () => {
  it('counts the holders of an achievement', async () => {
    const rule = ACHIEVEMENT_RULES.find((r) => r.id === 'first_drop')!;
    const reply = await t.as.producer.call('getAchievementDetails', { path: { achievementId: 'first_drop' } });
    expectStatus(reply, 200);
    const { producers } = await one<{ producers: number }>(sql`select count(distinct artist_id)::int as producers from track_artists`);
    expect(reply.body.achievement).toMatchObject({ id: rule.id, threshold: rule.threshold, xp: rule.xp, metric: 'tracks' });
    // Every producer has a track, so every producer holds First Drop.
    expect(reply.body).toMatchObject({ unlocked_count: producers, total_producers: producers, unlock_rate: 100 });
    expectRanked(reply.body.producers);
    const { top } = await one<{ top: number }>(sql`select max(c)::int as top from (select count(*) as c from track_artists group by artist_id) x`);
    expect(reply.body.producers[0]!.value).toBe(top);
    expect(reply.body.producers.length).toBeLessThanOrEqual(10);
  });

  it('answers 404 for an unknown achievement and 422 for a malformed id', async () => {
    const reply = await t.as.anonymous.call('getAchievementDetails', { path: { achievementId: 'no_such_achievement' } });
    expectStatus(reply, 404);
    expect(reply.body.message).toBe('Achievement not found.');
    expectStatus(await t.as.anonymous.call('getAchievementDetails', { path: { achievementId: 'Bad-Id' } }), 422);
  });
});

describe('undeclared query parameters', () => {
  // Boards take no query parameter (no page size: they show the top 50); an unknown one is refused.
  const operations = ['getGlobalLeaderboard', 'getRisingStarsLeaderboard', 'getAchievementsLeaderboard', 'getLeaderboardStats'] as const;
  for (const operationId of operations) {
    it(`${operationId} answers 422 for an undeclared query parameter`, async () => {
      const reply = await t.as.anonymous.call(operationId, { query: { limit: 5 } as never });
      expectStatus(reply, 422);
    });
  }
});
