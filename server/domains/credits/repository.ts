// Portfolio credits. Writes that change which credits an artist has, or their order, lock the
// artist's row first, so the 200-credit limit and a reorder's "every credit once" check hold
// under concurrent requests.
import { and, asc, count, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { artistCredits, artists, tracks } from '../../db/schema.js';

export type CreditRow = typeof artistCredits.$inferSelect;
export type CreditFields = Omit<typeof artistCredits.$inferInsert, 'id' | 'artistId' | 'position' | 'createdAt' | 'updatedAt'>;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export const MAX_CREDITS_PER_ARTIST = 200;

const inPortfolioOrder = [asc(artistCredits.position), asc(artistCredits.id)];

export async function listCredits(db: Db | Tx, artistId: number): Promise<CreditRow[]> {
  return db
    .select()
    .from(artistCredits)
    .where(eq(artistCredits.artistId, artistId))
    .orderBy(...inPortfolioOrder);
}

export async function findCredit(db: Db, artistId: number, creditId: number): Promise<CreditRow | undefined> {
  const [row] = await db
    .select()
    .from(artistCredits)
    .where(and(eq(artistCredits.id, creditId), eq(artistCredits.artistId, artistId)))
    .limit(1);
  return row;
}

/** The release a credit is about, for the one-credit-per-track-and-role rule. */
export interface CreditKey {
  role: string;
  spotifyTrackId?: string | null;
  trackId?: number | null;
}

/**
 * The keys among `keys` the artist already holds (as `role|id`), leaving out credit `exceptId`
 * (the one being changed).
 */
export async function takenKeys(db: Db, artistId: number, keys: CreditKey[], exceptId?: number): Promise<{ spotify: Set<string>; tracks: Set<string> }> {
  const spotifyIds = [...new Set(keys.flatMap((k) => (k.spotifyTrackId ? [k.spotifyTrackId] : [])))];
  const trackIds = [...new Set(keys.flatMap((k) => (k.trackId ? [k.trackId] : [])))];
  const mine = and(eq(artistCredits.artistId, artistId), exceptId === undefined ? undefined : ne(artistCredits.id, exceptId));
  const [bySpotify, byTrack] = await Promise.all([
    spotifyIds.length === 0
      ? []
      : db
          .select({ role: artistCredits.role, id: artistCredits.spotifyTrackId })
          .from(artistCredits)
          .where(and(mine, isNotNull(artistCredits.spotifyTrackId), inArray(artistCredits.spotifyTrackId, spotifyIds))),
    trackIds.length === 0
      ? []
      : db
          .select({ role: artistCredits.role, id: artistCredits.trackId })
          .from(artistCredits)
          .where(and(mine, isNotNull(artistCredits.trackId), inArray(artistCredits.trackId, trackIds))),
  ]);
  return {
    spotify: new Set(bySpotify.map((r) => `${r.role}|${r.id}`)),
    tracks: new Set(byTrack.map((r) => `${r.role}|${r.id}`)),
  };
}

/** The subset of `ids` that are BeatPass tracks. */
export async function existingTrackIds(db: Db, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: tracks.id })
    .from(tracks)
    .where(inArray(tracks.id, [...new Set(ids)]));
  return new Set(rows.map((r) => r.id));
}

/** Locks the artist's row for the rest of the transaction; false when the artist is gone. */
async function lockArtist(tx: Tx, artistId: number): Promise<boolean> {
  const rows = await tx.select({ id: artists.id }).from(artists).where(eq(artists.id, artistId)).for('update');
  return rows.length > 0;
}

/** Appends the credits to the portfolio in the given order, all or none. */
export async function insertCredits(db: Db, artistId: number, rows: CreditFields[]): Promise<CreditRow[] | 'limit' | 'gone'> {
  return db.transaction(async (tx) => {
    if (!(await lockArtist(tx, artistId))) return 'gone' as const;
    const [held] = await tx
      .select({ n: count(), last: sql<number>`coalesce(max(${artistCredits.position}), -1)::int` })
      .from(artistCredits)
      .where(eq(artistCredits.artistId, artistId));
    if ((held?.n ?? 0) + rows.length > MAX_CREDITS_PER_ARTIST) return 'limit' as const;
    const next = (held?.last ?? -1) + 1;
    return tx
      .insert(artistCredits)
      .values(rows.map((row, i) => ({ ...row, artistId, position: next + i })))
      .returning();
  });
}

export async function updateCredit(db: Db, id: number, fields: Partial<CreditFields>): Promise<CreditRow> {
  const [row] = await db
    .update(artistCredits)
    .set({ ...fields, updatedAt: new Date() })
    .where(eq(artistCredits.id, id))
    .returning();
  return row!;
}

/** false when the artist has no credit with this ID. */
export async function deleteCredit(db: Db, artistId: number, creditId: number): Promise<boolean> {
  const rows = await db
    .delete(artistCredits)
    .where(and(eq(artistCredits.id, creditId), eq(artistCredits.artistId, artistId)))
    .returning({ id: artistCredits.id });
  return rows.length > 0;
}

/** Gives the credits positions 0, 1, … in the order of `ids`, which must be every credit of the artist once. */
export async function reorderCredits(db: Db, artistId: number, ids: number[]): Promise<CreditRow[] | 'mismatch' | 'gone'> {
  return db.transaction(async (tx) => {
    if (!(await lockArtist(tx, artistId))) return 'gone' as const;
    const current = await tx.select({ id: artistCredits.id }).from(artistCredits).where(eq(artistCredits.artistId, artistId));
    const held = new Set(current.map((r) => r.id));
    if (new Set(ids).size !== ids.length || ids.length !== held.size || ids.some((id) => !held.has(id))) return 'mismatch' as const;
    // Ids are validated integers, so the array literal is safe to build.
    const order = `{${ids.join(',')}}`;
    await tx.execute(sql`
      update ${artistCredits} as c set position = o.ord - 1, updated_at = now()
      from unnest(${order}::int[]) with ordinality as o(id, ord)
      where c.artist_id = ${artistId} and c.id = o.id`);
    return listCredits(tx, artistId);
  });
}
