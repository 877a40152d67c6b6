// Leaderboards: every board ranks the producers (rules.ts) by its own keys, computed from the
// data on each request. BeatPass caches boards for 5 minutes; this server does not, so a
// board always reflects the last play, like or follow.
import type { components } from '../../../generated/api.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { notFound } from '../../contract/responses.js';
import type { Db } from '../../db/connection.js';
import { ACHIEVEMENT_RULES, LEVELS, loadMetricsOfArtists } from '../artists/achievements.js';
import { serializeGenre } from '../catalog/serializers.js';
import { RECENT_DAYS } from '../discovery/repository.js';
import { artistsInOrder } from '../catalog/rows-in-order.js';
import { findGenreByName } from '../tags/repository.js';
import { genrePlaysByArtist, platformTotals, recentPlaysByArtist } from './repository.js';
import { BOARD_SIZE, producersOf, rankBy, RISING_MAX_SCORE, type Producer } from './rules.js';

type Entry = components['schemas']['LeaderboardEntry'];
type Viewer = { id: number } | null;

/** The top of a ranked list as entries; `value` is the board's headline count. */
async function entries(db: Db, ranked: Producer[], value: (p: Producer) => number, viewer: Viewer, size = BOARD_SIZE): Promise<Entry[]> {
  const top = ranked.slice(0, size);
  const artists = new Map(
    (
      await artistsInOrder(
        db,
        top.map((p) => p.artistId),
      )
    ).map((a) => [a.id, a]),
  );
  return top.flatMap((p, i) => {
    const artist = artists.get(p.artistId);
    if (!artist) return [];
    return [
      {
        id: artist.id,
        producer_id: artist.userId,
        name: artist.name,
        avatar: artist.imageSmall,
        rank: i + 1,
        value: value(p),
        score: p.score,
        tier: p.tier,
        is_current_user: viewer !== null && artist.userId === viewer.id,
        achievement_count: p.achievementCount,
        metadata: {
          tracks: p.metrics.tracks,
          plays: p.metrics.plays,
          likes: p.metrics.likes,
          followers: p.metrics.followers,
          level: p.result.xp.level,
        },
      },
    ];
  });
}

const allProducers = async (db: Db) => producersOf(await loadMetricsOfArtists(db));

export function createLeaderboardHandlers(db: Db): TagHandlers<'Leaderboards'> {
  return {
    async getGlobalLeaderboard({ auth }) {
      const plays = (p: Producer) => p.metrics.plays;
      const ranked = rankBy(await allProducers(db), (p) => p.score, plays);
      return { status: 200, body: { producers: await entries(db, ranked, plays, auth.user) } };
    },

    async getGenreLeaderboard({ params, auth }) {
      const genre = await findGenreByName(db, params.genre);
      if (!genre) return notFound('Genre');
      const [producers, genrePlays] = await Promise.all([allProducers(db), genrePlaysByArtist(db, genre.id)]);
      const value = (p: Producer) => genrePlays.get(p.artistId) ?? 0;
      const ranked = rankBy(
        producers.filter((p) => genrePlays.has(p.artistId)),
        value,
        (p) => p.score,
      );
      return { status: 200, body: { genre: serializeGenre(genre), producers: await entries(db, ranked, value, auth.user) } };
    },

    async getRisingStarsLeaderboard({ auth }) {
      const [producers, recent] = await Promise.all([allProducers(db), recentPlaysByArtist(db, RECENT_DAYS)]);
      const value = (p: Producer) => recent.get(p.artistId) ?? 0;
      const ranked = rankBy(
        producers.filter((p) => p.score < RISING_MAX_SCORE && value(p) > 0),
        value,
        (p) => p.score,
      );
      return { status: 200, body: { producers: await entries(db, ranked, value, auth.user) } };
    },

    async getAchievementsLeaderboard({ auth }) {
      const count = (p: Producer) => p.achievementCount;
      const ranked = rankBy(
        (await allProducers(db)).filter((p) => p.achievementCount > 0),
        count,
        (p) => p.achievementXp,
        (p) => p.score,
      );
      return { status: 200, body: { producers: await entries(db, ranked, count, auth.user) } };
    },

    async getLeaderboardStats() {
      const [producers, totals, recent] = await Promise.all([allProducers(db), platformTotals(db, RECENT_DAYS), recentPlaysByArtist(db, RECENT_DAYS)]);
      const tiers = LEVELS.map((level) => ({ tier: level.title, min_score: level.xp, producers: producers.filter((p) => p.tier === level.title).length }));
      return {
        status: 200,
        body: {
          total_producers: producers.length,
          total_tracks: totals.tracks,
          total_plays: totals.plays,
          total_likes: totals.likes,
          total_follows: totals.follows,
          recent_plays: totals.recentPlays,
          active_producers: producers.filter((p) => recent.has(p.artistId)).length,
          period_days: RECENT_DAYS,
          achievements_unlocked: producers.reduce((sum, p) => sum + p.achievementCount, 0),
          tiers,
        },
      };
    },

    async getAchievementDetails({ params, auth }) {
      const rule = ACHIEVEMENT_RULES.find((r) => r.id === params.achievementId);
      if (!rule) return notFound('Achievement');
      const producers = await allProducers(db);
      const current = (p: Producer) => p.metrics[rule.metric];
      const holders = rankBy(
        producers.filter((p) => current(p) >= rule.threshold),
        current,
        (p) => p.score,
      );
      const { id, name, description, metric, rarity, xp, threshold } = rule;
      return {
        status: 200,
        body: {
          achievement: { id, name, description, metric, rarity, xp, threshold },
          unlocked_count: holders.length,
          total_producers: producers.length,
          unlock_rate: producers.length === 0 ? 0 : Math.round((holders.length * 1000) / producers.length) / 10,
          producers: await entries(db, holders, current, auth.user, 10),
        },
      };
    },
  };
}
