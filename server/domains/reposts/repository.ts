// Reposts of tracks (`track_reposts`) and albums (`album_reposts`). A toggle runs in one
// transaction that first locks the reposter's row: the per-hour and per-day caps are counted
// after the lock, so two concurrent reposts by one user (on one instance or two) queue and
// the second sees the first. A track's `reposts_count` moves in the same transaction, and only
// when the insert or delete took effect, so concurrent reposts by many users stay exact.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { albumReposts, albums, trackReposts, tracks, users } from '../../db/schema.js';
import type { ProbeRequest } from '../../http/pagination.js';

export type RepostableType = 'track' | 'album';
type TrackRow = typeof tracks.$inferSelect;
type AlbumRow = typeof albums.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** BeatPass's repost caps (error catalog: 100/day, 20/hour). */
export const REPOSTS_PER_HOUR = 20;
export const REPOSTS_PER_DAY = 100;

export interface RepostRow {
  type: RepostableType;
  id: number;
  userId: number;
  createdAt: Date;
}

export type ToggleOutcome = { action: 'added'; repost: RepostRow } | { action: 'removed' } | { action: 'limit'; retryAfter: number; window: 'hour' | 'day' };

/** Seconds (at least 1) until the oldest repost within `hours` leaves the window, when the user holds `cap` there. */
async function capWait(tx: Tx, userId: number, hours: number, cap: number): Promise<number | null> {
  const window = sql`now() - make_interval(hours => ${hours})`;
  const [row] = await tx
    .select({
      n: sql<number>`((select count(*) from ${trackReposts} where ${trackReposts.userId} = ${userId} and ${trackReposts.createdAt} > ${window})
        + (select count(*) from ${albumReposts} where ${albumReposts.userId} = ${userId} and ${albumReposts.createdAt} > ${window}))::int`,
      wait: sql<number>`ceil(extract(epoch from (least(
          (select min(${trackReposts.createdAt}) from ${trackReposts} where ${trackReposts.userId} = ${userId} and ${trackReposts.createdAt} > ${window}),
          (select min(${albumReposts.createdAt}) from ${albumReposts} where ${albumReposts.userId} = ${userId} and ${albumReposts.createdAt} > ${window})
        ) + make_interval(hours => ${hours}) - now())))::int`,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row || row.n < cap) return null;
  return Math.min(hours * 3600, Math.max(1, row.wait ?? 1));
}

async function removeRepost(tx: Tx, userId: number, type: RepostableType, id: number): Promise<boolean> {
  if (type === 'track') {
    const deleted = await tx
      .delete(trackReposts)
      .where(and(eq(trackReposts.userId, userId), eq(trackReposts.trackId, id)))
      .returning({ id: trackReposts.trackId });
    if (deleted.length === 0) return false;
    await tx
      .update(tracks)
      .set({ repostsCount: sql`greatest(${tracks.repostsCount} - 1, 0)` })
      .where(eq(tracks.id, id));
    return true;
  }
  const deleted = await tx
    .delete(albumReposts)
    .where(and(eq(albumReposts.userId, userId), eq(albumReposts.albumId, id)))
    .returning({ id: albumReposts.albumId });
  return deleted.length > 0;
}

async function insertRepost(tx: Tx, userId: number, type: RepostableType, id: number): Promise<RepostRow | null> {
  if (type === 'track') {
    const [row] = await tx.insert(trackReposts).values({ userId, trackId: id }).onConflictDoNothing().returning();
    if (!row) return null;
    await tx
      .update(tracks)
      .set({ repostsCount: sql`${tracks.repostsCount} + 1` })
      .where(eq(tracks.id, id));
    return { type, id, userId, createdAt: row.createdAt };
  }
  const [row] = await tx.insert(albumReposts).values({ userId, albumId: id }).onConflictDoNothing().returning();
  return row ? { type, id, userId, createdAt: row.createdAt } : null;
}

/** Removes the user's repost of the item if there is one, else adds it within the caps. */
export async function toggleRepost(db: Db, userId: number, type: RepostableType, id: number): Promise<ToggleOutcome> {
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    // After the lock every earlier toggle by this user has committed: the delete and the
    // counts below see them (READ COMMITTED takes a new snapshot per statement).
    if (await removeRepost(tx, userId, type, id)) return { action: 'removed' as const };
    const hourWait = await capWait(tx, userId, 1, REPOSTS_PER_HOUR);
    if (hourWait !== null) return { action: 'limit' as const, retryAfter: hourWait, window: 'hour' as const };
    const dayWait = await capWait(tx, userId, 24, REPOSTS_PER_DAY);
    if (dayWait !== null) return { action: 'limit' as const, retryAfter: dayWait, window: 'day' as const };
    const repost = await insertRepost(tx, userId, type, id);
    // The lock makes a concurrent insert of the same pair impossible; were it to happen, the
    // row exists and the toggle's effect is "added" all the same.
    return { action: 'added' as const, repost: repost ?? { type, id, userId, createdAt: new Date() } };
  });
}

export async function findTrackRow(db: Db, id: number): Promise<TrackRow | undefined> {
  const [row] = await db.select().from(tracks).where(eq(tracks.id, id)).limit(1);
  return row;
}

export async function findAlbumRow(db: Db, id: number): Promise<AlbumRow | undefined> {
  const [row] = await db.select().from(albums).where(eq(albums.id, id)).limit(1);
  return row;
}

/** A page (one row past it, for simple pagination) of the user's reposts, newest first. */
export async function listUserReposts(db: Db, userId: number, page: ProbeRequest): Promise<RepostRow[]> {
  const trackSide = db
    .select({ type: sql<RepostableType>`'track'`.as('type'), id: trackReposts.trackId, createdAt: trackReposts.createdAt })
    .from(trackReposts)
    .where(eq(trackReposts.userId, userId));
  const albumSide = db
    .select({ type: sql<RepostableType>`'album'`.as('type'), id: albumReposts.albumId, createdAt: albumReposts.createdAt })
    .from(albumReposts)
    .where(eq(albumReposts.userId, userId));
  const rows = await trackSide
    .unionAll(albumSide)
    .orderBy(desc(sql`created_at`), desc(sql`type`), desc(sql`track_id`))
    .limit(page.probeSize)
    .offset(page.offset);
  return rows.map((r) => ({ type: r.type, id: r.id, userId, createdAt: new Date(r.createdAt) }));
}

export async function tracksByIds(db: Db, ids: number[]): Promise<TrackRow[]> {
  return ids.length === 0 ? [] : db.select().from(tracks).where(inArray(tracks.id, ids));
}

export async function albumsByIds(db: Db, ids: number[]): Promise<AlbumRow[]> {
  return ids.length === 0 ? [] : db.select().from(albums).where(inArray(albums.id, ids));
}
