// The leaderboard rules, defined once (the spec's leaderboard descriptions say the same):
// a producer is an artist credited on at least one track; an entry's `score` is the
// producer's XP and its `tier` the XP level title, both from the producer-achievements rules
// (artists/achievements.ts), so a board never disagrees with an artist's achievements page;
// `rank` is the 1-based position after sorting by the board's keys, the last always the
// artist ID, so equal data gives equal boards.
import type { components } from '../../../generated/api.js';
import { evaluateAchievements, type ArtistAchievements, type ArtistMetrics } from '../artists/achievements.js';

type Schemas = components['schemas'];
export type Tier = Schemas['LeaderboardTier'];

/** Boards show this many producers. */
export const BOARD_SIZE = 50;

/** Producers below this XP (the Established level) can be rising stars. */
export const RISING_MAX_SCORE = 25_000;

export interface Producer {
  artistId: number;
  metrics: ArtistMetrics;
  result: ArtistAchievements;
  score: number;
  tier: Tier;
  achievementCount: number;
  /** XP of the unlocked achievements: rarer achievements are worth more. */
  achievementXp: number;
}

/** Producers with their XP and achievements, from the metrics of every artist. */
export function producersOf(metrics: Map<number, ArtistMetrics>): Producer[] {
  const producers: Producer[] = [];
  for (const [artistId, m] of metrics) {
    if (m.tracks === 0) continue;
    const result = evaluateAchievements(m);
    producers.push({
      artistId,
      metrics: m,
      result,
      score: result.xp.total,
      tier: result.xp.title,
      achievementCount: result.achievements.filter((a) => a.unlocked).length,
      achievementXp: result.xp.sources.achievements,
    });
  }
  return producers;
}

/** Sorts by the keys given (each larger first), then by lower artist ID. */
export function rankBy<T extends { artistId: number }>(items: T[], ...keys: ((item: T) => number)[]): T[] {
  return [...items].sort((a, b) => {
    for (const key of keys) {
      const d = key(b) - key(a);
      if (d !== 0) return d;
    }
    return a.artistId - b.artistId;
  });
}
