// Follows of users (`user_follows`) and of artists (`artist_followers`). Counts are counted
// on read; the one budget of 5,000 follows (users and artists together) holds under
// concurrent requests because every follow first locks the follower's row, then counts, then
// inserts, in one transaction: two follows by the same user queue on that lock.
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { artistFollowers, users, userFollows } from '../../db/schema.js';
import type { PageRequest, ProbeRequest } from '../../http/pagination.js';
import type { UserRow } from '../users/repository.js';

/** BeatPass's follow cap: users and artists followed, together. */
export const FOLLOW_CAP = 5_000;

export type FollowOutcome = 'followed' | 'already-following' | 'limit-reached';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Locks the follower's row, then says whether one more follow fits under the cap. */
async function roomToFollow(tx: Tx, followerId: number): Promise<boolean> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, followerId)).for('update');
  // A new statement after the lock: under READ COMMITTED it sees every follow committed before.
  const [row] = await tx
    .select({
      n: sql<number>`((select count(*) from ${userFollows} where ${userFollows.followerId} = ${followerId})
        + (select count(*) from ${artistFollowers} where ${artistFollowers.userId} = ${followerId}))::int`,
    })
    .from(users)
    .where(eq(users.id, followerId));
  return (row?.n ?? 0) < FOLLOW_CAP;
}

export async function followUser(db: Db, followerId: number, followedId: number): Promise<FollowOutcome> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ n: count() })
      .from(userFollows)
      .where(and(eq(userFollows.followerId, followerId), eq(userFollows.followedId, followedId)));
    if ((existing?.n ?? 0) > 0) return 'already-following';
    if (!(await roomToFollow(tx, followerId))) return 'limit-reached';
    // The lock serialises this user's follows, so the row can only exist already if it was
    // inserted before the lock was taken; `on conflict` keeps that case a 409, never a 500.
    const inserted = await tx.insert(userFollows).values({ followerId, followedId }).onConflictDoNothing().returning({ id: userFollows.followedId });
    return inserted.length > 0 ? 'followed' : 'already-following';
  });
}

export async function followArtist(db: Db, userId: number, artistId: number): Promise<FollowOutcome> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ n: count() })
      .from(artistFollowers)
      .where(and(eq(artistFollowers.userId, userId), eq(artistFollowers.artistId, artistId)));
    if ((existing?.n ?? 0) > 0) return 'already-following';
    if (!(await roomToFollow(tx, userId))) return 'limit-reached';
    const inserted = await tx.insert(artistFollowers).values({ userId, artistId }).onConflictDoNothing().returning({ id: artistFollowers.artistId });
    return inserted.length > 0 ? 'followed' : 'already-following';
  });
}

/** True when a follow was removed. */
export async function unfollowUser(db: Db, followerId: number, followedId: number): Promise<boolean> {
  const removed = await db
    .delete(userFollows)
    .where(and(eq(userFollows.followerId, followerId), eq(userFollows.followedId, followedId)))
    .returning({ id: userFollows.followedId });
  return removed.length > 0;
}

/** True when a follow was removed. */
export async function unfollowArtist(db: Db, userId: number, artistId: number): Promise<boolean> {
  const removed = await db
    .delete(artistFollowers)
    .where(and(eq(artistFollowers.userId, userId), eq(artistFollowers.artistId, artistId)))
    .returning({ id: artistFollowers.artistId });
  return removed.length > 0;
}

export async function followsUser(db: Db, followerId: number, followedId: number): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(userFollows)
    .where(and(eq(userFollows.followerId, followerId), eq(userFollows.followedId, followedId)));
  return (row?.n ?? 0) > 0;
}

export async function followsArtist(db: Db, userId: number, artistId: number): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(artistFollowers)
    .where(and(eq(artistFollowers.userId, userId), eq(artistFollowers.artistId, artistId)));
  return (row?.n ?? 0) > 0;
}

/** A simple page of the user's followers, most recent follow first (one row past the page). */
export async function listFollowers(db: Db, userId: number, page: ProbeRequest): Promise<UserRow[]> {
  const rows = await db
    .select({ user: users })
    .from(userFollows)
    .innerJoin(users, eq(users.id, userFollows.followerId))
    .where(eq(userFollows.followedId, userId))
    .orderBy(desc(userFollows.createdAt), desc(userFollows.followerId))
    .limit(page.probeSize)
    .offset(page.offset);
  return rows.map((r) => r.user);
}

/** A length-aware page of the users the user follows, most recent follow first. */
export async function listFollowedUsers(db: Db, userId: number, page: PageRequest): Promise<{ rows: UserRow[]; total: number }> {
  const [rows, [totals]] = await Promise.all([
    db
      .select({ user: users })
      .from(userFollows)
      .innerJoin(users, eq(users.id, userFollows.followedId))
      .where(eq(userFollows.followerId, userId))
      .orderBy(desc(userFollows.createdAt), desc(userFollows.followedId))
      .limit(page.perPage)
      .offset(page.offset),
    db.select({ total: count() }).from(userFollows).where(eq(userFollows.followerId, userId)),
  ]);
  return { rows: rows.map((r) => r.user), total: totals?.total ?? 0 };
}
