// Lyrics are personal: every query is scoped to the user who wrote them.
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { lyrics, tracks } from '../../db/schema.js';
import type { PageRequest } from '../../http/pagination.js';

export type LyricRow = typeof lyrics.$inferSelect;
type TrackRow = typeof tracks.$inferSelect;
export interface LyricWithTrack {
  lyric: LyricRow;
  track: TrackRow;
}

export async function listLyrics(db: Db, userId: number, page: PageRequest): Promise<{ rows: LyricWithTrack[]; total: number }> {
  const [rows, [totals]] = await Promise.all([
    db
      .select({ lyric: lyrics, track: tracks })
      .from(lyrics)
      .innerJoin(tracks, eq(tracks.id, lyrics.trackId))
      .where(eq(lyrics.userId, userId))
      .orderBy(desc(lyrics.updatedAt), desc(lyrics.id))
      .limit(page.perPage)
      .offset(page.offset),
    db.select({ total: count() }).from(lyrics).where(eq(lyrics.userId, userId)),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

export async function findOwnLyric(db: Db, userId: number, id: number): Promise<LyricWithTrack | undefined> {
  const [row] = await db
    .select({ lyric: lyrics, track: tracks })
    .from(lyrics)
    .innerJoin(tracks, eq(tracks.id, lyrics.trackId))
    .where(and(eq(lyrics.id, id), eq(lyrics.userId, userId)))
    .limit(1);
  return row;
}

export async function findLyricForTrack(db: Db, userId: number, trackId: number): Promise<LyricRow | undefined> {
  const [row] = await db
    .select()
    .from(lyrics)
    .where(and(eq(lyrics.userId, userId), eq(lyrics.trackId, trackId)))
    .limit(1);
  return row;
}

export async function insertLyric(db: Db, values: { userId: number; trackId: number; text: string; synced: boolean }): Promise<LyricRow> {
  const [row] = await db.insert(lyrics).values(values).returning();
  return row!;
}

export async function updateLyric(db: Db, id: number, values: { text: string; synced?: boolean }): Promise<LyricRow> {
  const [row] = await db
    .update(lyrics)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(lyrics.id, id))
    .returning();
  return row!;
}

/** Deletes all the ids if every one is the user's, else nothing; returns whether it did. */
export async function deleteOwnLyrics(db: Db, userId: number, ids: number[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const owned = await tx
      .select({ id: lyrics.id })
      .from(lyrics)
      .where(and(inArray(lyrics.id, ids), eq(lyrics.userId, userId)))
      .for('update');
    if (owned.length !== ids.length) return false;
    await tx.delete(lyrics).where(inArray(lyrics.id, ids));
    return true;
  });
}
