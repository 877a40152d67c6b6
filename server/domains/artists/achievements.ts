// Producer achievements and XP, derived from the catalog on every request. BeatPass documents
// the XP rules (help centre: 100 per upload, 1 per play, 50 per track with complete metadata,
// 25 per collaboration, achievements worth 100 to 10,000, level titles Novice, Apprentice,
// Rising…) but not the achievements themselves; the rule table and the level curve below are
// designed here. Nothing is stored: an achievement is unlocked while its count holds, so one
// whose count drops (a deleted track, an unfollow) locks again, and there is no unlock date.
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { artists } from '../../db/schema.js';

export type AchievementMetric = 'tracks' | 'plays' | 'likes' | 'followers' | 'collaborations' | 'albums' | 'complete_metadata';
export type AchievementRarity = 'common' | 'uncommon' | 'rare' | 'epic' | 'legendary';

export interface AchievementRule {
  id: string;
  name: string;
  description: string;
  metric: AchievementMetric;
  threshold: number;
  xp: number;
  rarity: AchievementRarity;
}

/** What the rules count, for one artist. */
export type ArtistMetrics = Record<AchievementMetric, number>;

const rule = (
  id: string,
  name: string,
  metric: AchievementMetric,
  threshold: number,
  xp: number,
  rarity: AchievementRarity,
  description: string,
): AchievementRule => ({ id, name, description, metric, threshold, xp, rarity });

/** Every achievement, by metric and then threshold; the response keeps this order. */
export const ACHIEVEMENT_RULES: readonly AchievementRule[] = Object.freeze([
  rule('first_drop', 'First Drop', 'tracks', 1, 100, 'common', 'Publish your first track.'),
  rule('catalog_builder', 'Catalog Builder', 'tracks', 10, 500, 'uncommon', 'Have 10 tracks credited to you.'),
  rule('beat_factory', 'Beat Factory', 'tracks', 50, 2_500, 'rare', 'Have 50 tracks credited to you.'),
  rule('vault_keeper', 'Vault Keeper', 'tracks', 100, 5_000, 'epic', 'Have 100 tracks credited to you.'),
  rule('first_listeners', 'First Listeners', 'plays', 1_000, 100, 'common', 'Reach 1,000 plays across your tracks.'),
  rule('rising_sound', 'Rising Sound', 'plays', 10_000, 500, 'uncommon', 'Reach 10,000 plays across your tracks.'),
  rule('heavy_rotation', 'Heavy Rotation', 'plays', 100_000, 2_500, 'rare', 'Reach 100,000 plays across your tracks.'),
  rule('platinum_ears', 'Platinum Ears', 'plays', 1_000_000, 10_000, 'legendary', 'Reach 1,000,000 plays across your tracks.'),
  rule('crowd_pleaser', 'Crowd Pleaser', 'likes', 100, 250, 'common', 'Collect 100 likes on your tracks.'),
  rule('fan_favourite', 'Fan Favourite', 'likes', 1_000, 1_000, 'uncommon', 'Collect 1,000 likes on your tracks.'),
  rule('beloved', 'Beloved', 'likes', 10_000, 5_000, 'rare', 'Collect 10,000 likes on your tracks.'),
  rule('first_fan', 'First Fan', 'followers', 1, 100, 'common', 'Get your first follower.'),
  rule('growing_following', 'Growing Following', 'followers', 100, 1_000, 'rare', 'Reach 100 followers.'),
  rule('fanbase', 'Fanbase', 'followers', 1_000, 5_000, 'epic', 'Reach 1,000 followers.'),
  rule('team_player', 'Team Player', 'collaborations', 1, 250, 'common', 'Release a track credited with another artist.'),
  rule('connector', 'Connector', 'collaborations', 10, 1_000, 'rare', 'Release 10 tracks credited with other artists.'),
  rule('debut_project', 'Debut Project', 'albums', 1, 250, 'common', 'Release your first album.'),
  rule('discography', 'Discography', 'albums', 5, 1_000, 'rare', 'Release 5 albums.'),
  rule(
    'detail_oriented',
    'Detail Oriented',
    'complete_metadata',
    10,
    500,
    'uncommon',
    'Give 10 tracks complete metadata: a description, a cover image, a genre and a tag.',
  ),
]);

/** XP per unit of each counted source (BeatPass help centre). */
const XP_PER = { upload: 100, play: 1, completeMetadata: 50, collaboration: 25 } as const;

/** Where each level starts; titles after the help centre's first three. Designed here. */
export const LEVELS = [
  { title: 'Novice', xp: 0 },
  { title: 'Apprentice', xp: 1_000 },
  { title: 'Rising', xp: 5_000 },
  { title: 'Established', xp: 25_000 },
  { title: 'Pro', xp: 100_000 },
  { title: 'Elite', xp: 500_000 },
  { title: 'Legend', xp: 2_000_000 },
] as const;

export type LevelTitle = (typeof LEVELS)[number]['title'];

export interface AchievementStatus extends AchievementRule {
  current: number;
  progress: number;
  unlocked: boolean;
}

export interface XpSummary {
  total: number;
  level: number;
  title: LevelTitle;
  levelXp: number;
  nextLevelXp: number | null;
  sources: { uploads: number; plays: number; completeMetadata: number; collaborations: number; achievements: number };
}

export interface ArtistAchievements {
  achievements: AchievementStatus[];
  xp: XpSummary;
}

export function evaluateAchievements(metrics: ArtistMetrics): ArtistAchievements {
  const achievements = ACHIEVEMENT_RULES.map((r) => {
    const current = metrics[r.metric];
    const unlocked = current >= r.threshold;
    // Rounded down so that 100 means unlocked and nothing short of the threshold shows it.
    return { ...r, current, unlocked, progress: unlocked ? 100 : Math.floor((current * 100) / r.threshold) };
  });
  const sources = {
    uploads: metrics.tracks * XP_PER.upload,
    plays: metrics.plays * XP_PER.play,
    completeMetadata: metrics.complete_metadata * XP_PER.completeMetadata,
    collaborations: metrics.collaborations * XP_PER.collaboration,
    achievements: achievements.reduce((sum, a) => sum + (a.unlocked ? a.xp : 0), 0),
  };
  const total = Object.values(sources).reduce((sum, n) => sum + n, 0);
  const index = LEVELS.reduce<number>((reached, l, i) => (total >= l.xp ? i : reached), 0);
  return {
    achievements,
    xp: { total, level: index + 1, title: LEVELS[index]!.title, levelXp: LEVELS[index]!.xp, nextLevelXp: LEVELS[index + 1]?.xp ?? null, sources },
  };
}

/**
 * The counts the rules read, in one query. Collaborations are the artist's tracks credited
 * to at least one other artist too; complete metadata means a non-blank description and
 * cover image, at least one genre and at least one tag (name, tempo, key and scale are
 * required on every track). Sums are read as float8 so no driver hands back a bigint string.
 * Undefined when there is no such artist.
 */
export async function loadArtistMetrics(db: Db, artistId: number): Promise<ArtistMetrics | undefined> {
  return (await loadMetricsOfArtists(db, [artistId])).get(artistId);
}

/**
 * The same counts for many artists in one query (leaderboards rank every artist by them):
 * the artists whose ids are given, or every artist when `ids` is undefined. Artists that do
 * not exist are missing from the map.
 */
export async function loadMetricsOfArtists(db: Db, ids?: readonly number[]): Promise<Map<number, ArtistMetrics>> {
  if (ids && ids.length === 0) return new Map();
  // The outer row, written out: inside the subqueries a bare `id` would name their own table.
  const me = sql.raw('"artists"."id"');
  const credited = sql`select track_id from track_artists where artist_id = ${me}`;
  const query = db
    .select({
      id: artists.id,
      tracks: sql<number>`(select count(*) from track_artists where artist_id = ${me})::float8`,
      plays: sql<number>`(select coalesce(sum(plays), 0) from tracks where id in (${credited}))::float8`,
      likes: sql<number>`(select coalesce(sum(likes_count), 0) from tracks where id in (${credited}))::float8`,
      followers: sql<number>`(select count(*) from artist_followers where artist_id = ${me})::float8`,
      collaborations: sql<number>`(select count(*) from track_artists mine where mine.artist_id = ${me}
      and exists (select 1 from track_artists other where other.track_id = mine.track_id and other.artist_id <> mine.artist_id))::float8`,
      albums: sql<number>`(select count(*) from album_artists where artist_id = ${me})::float8`,
      complete_metadata: sql<number>`(select count(*) from tracks t where t.id in (${credited})
      and btrim(coalesce(t.description, '')) <> '' and btrim(coalesce(t.image, '')) <> ''
      and exists (select 1 from track_genres g where g.track_id = t.id)
      and exists (select 1 from track_tags x where x.track_id = t.id))::float8`,
    })
    .from(artists);
  const rows = await (ids ? query.where(inArray(artists.id, [...ids])) : query);
  return new Map(rows.map(({ id, ...counts }) => [id, Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])) as ArtistMetrics]));
}
