// Reads and writes behind the public profile, the profile update, contact info and the
// monthly upload budget (all designed here; see the operations' descriptions).
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { uniqueViolation } from '../../db/errors.js';
import { artistFollowers, type artists, fileEntries, playlists, tracks, userFollows, users } from '../../db/schema.js';
import type { UserRow } from './repository.js';

export type ArtistRow = typeof artists.$inferSelect;

export interface ProfileCounts {
  followers: number;
  followedUsers: number;
  followedArtists: number;
  publicPlaylists: number;
}

/** Counted on read, never stored, so they cannot drift under concurrent follows. */
export async function profileCounts(db: Db, userId: number): Promise<ProfileCounts> {
  const [[followers], [followedUsers], [followedArtists], [publicPlaylists]] = await Promise.all([
    db.select({ n: count() }).from(userFollows).where(eq(userFollows.followedId, userId)),
    db.select({ n: count() }).from(userFollows).where(eq(userFollows.followerId, userId)),
    db.select({ n: count() }).from(artistFollowers).where(eq(artistFollowers.userId, userId)),
    db
      .select({ n: count() })
      .from(playlists)
      .where(and(eq(playlists.ownerId, userId), eq(playlists.public, true))),
  ]);
  return {
    followers: followers?.n ?? 0,
    followedUsers: followedUsers?.n ?? 0,
    followedArtists: followedArtists?.n ?? 0,
    publicPlaylists: publicPlaylists?.n ?? 0,
  };
}

/** Whether `a` follows `b`, and `b` follows `a`. */
export async function mutualFollows(db: Db, a: number, b: number): Promise<{ following: boolean; followedBack: boolean }> {
  const rows = await db
    .select({ followerId: userFollows.followerId })
    .from(userFollows)
    .where(
      sql`(${userFollows.followerId} = ${a} and ${userFollows.followedId} = ${b}) or (${userFollows.followerId} = ${b} and ${userFollows.followedId} = ${a})`,
    );
  return { following: rows.some((r) => r.followerId === a), followedBack: rows.some((r) => r.followerId === b) };
}

/**
 * The business email a producer published: the contact email of their newest track offered
 * exclusively (the only place an account enters an email meant for other people).
 */
export async function businessEmail(db: Db, userId: number): Promise<string | null> {
  const [row] = await db
    .select({ email: tracks.exclusiveContactEmail })
    .from(tracks)
    .where(and(eq(tracks.ownerId, userId), sql`${tracks.exclusiveContactEmail} is not null`))
    .orderBy(desc(tracks.createdAt), desc(tracks.id))
    .limit(1);
  return row?.email ?? null;
}

export interface ProfileFields {
  displayName?: string;
  username?: string;
  firstName?: string | null;
  lastName?: string | null;
  avatar?: string | null;
  language?: string | null;
  country?: string | null;
  timezone?: string | null;
}

/** Whether another account holds this username (usernames are unique ignoring case). */
export async function usernameTakenByOther(db: Db, username: string, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(sql`lower(${users.username}) = lower(${username})`, sql`${users.id} <> ${userId}`));
  return (row?.n ?? 0) > 0;
}

/** The updated row, or 'username-taken' when a concurrent update took the username first. */
export async function updateProfile(db: Db, userId: number, fields: ProfileFields): Promise<UserRow | 'username-taken'> {
  try {
    const [row] = await db.update(users).set(fields).where(eq(users.id, userId)).returning();
    return row!;
  } catch (err) {
    if (uniqueViolation(err)?.constraint === 'users_username_unique') return 'username-taken';
    throw err;
  }
}

/** Milliseconds of audio the user uploaded since the start of the current month (UTC). */
export async function uploadedThisMonthMs(db: Db, userId: number): Promise<number> {
  const [row] = await db
    .select({ ms: sql<number>`coalesce(sum(${fileEntries.durationMs}), 0)::float8` })
    .from(fileEntries)
    .where(and(eq(fileEntries.ownerId, userId), sql`${fileEntries.createdAt} >= date_trunc('month', now() at time zone 'UTC') at time zone 'UTC'`));
  return row?.ms ?? 0;
}
