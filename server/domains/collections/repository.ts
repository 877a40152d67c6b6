// Collections: personal, ordered sets of tracks. Only their owner sees them, except featured
// ones (a flag the platform sets), which every signed-in user sees. Writes that name tracks
// check them inside the transaction with the track rows share-locked, so a track deleted at
// the same moment is reported as unknown (422) instead of failing the insert.
import { and, asc, count, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { collections, collectionTracks, tracks, users } from '../../db/schema.js';
import type { PageRequest } from '../../http/pagination.js';
import type { UserRow } from '../users/repository.js';

export type CollectionRow = typeof collections.$inferSelect;
type TrackRow = typeof tracks.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Images shown per collection, for a mosaic cover. */
const COVER_IMAGES = 4;

export interface CollectionDetails {
  collection: CollectionRow;
  owner: UserRow;
  trackIds: number[];
  images: string[];
}

export interface Listed {
  rows: CollectionRow[];
  total: number;
}

export async function findCollection(db: Db, id: number): Promise<CollectionRow | undefined> {
  const [row] = await db.select().from(collections).where(eq(collections.id, id)).limit(1);
  return row;
}

/** The caller may read their own collections and featured ones. */
export const canRead = (collection: CollectionRow, viewerId: number) => collection.featured || collection.userId === viewerId;

async function page(db: Db, where: SQL | undefined, order: SQL[], request: PageRequest): Promise<Listed> {
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(collections)
      .where(where)
      .orderBy(...order)
      .limit(request.perPage)
      .offset(request.offset),
    db.select({ total: count() }).from(collections).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

const newestFirst = [desc(collections.createdAt), desc(collections.id)];

/** The viewer's own collections and every featured one, newest first. */
export const listVisible = (db: Db, viewerId: number, request: PageRequest) =>
  page(db, or(eq(collections.userId, viewerId), eq(collections.featured, true)), newestFirst, request);

/** Featured collections, most played first, then newest. */
export const listFeatured = (db: Db, request: PageRequest) => page(db, eq(collections.featured, true), [desc(collections.plays), ...newestFirst], request);

/** The viewer's own collections, newest first. */
export const listOwn = (db: Db, viewerId: number, request: PageRequest) => page(db, eq(collections.userId, viewerId), newestFirst, request);

/**
 * Featured collections of other users ranked by the viewer's taste: the genres and artists of
 * the tracks the viewer liked, played or collected. A collection scores one point per track
 * sharing a genre or an artist with that taste; scoreless ones are left out. A viewer without
 * any of those signals gets every featured collection of other users, most played first.
 */
export async function listRecommended(db: Db, viewerId: number, request: PageRequest): Promise<Listed> {
  const taste = sql`(
      select track_id from track_likes where user_id = ${viewerId}
      union select track_id from plays where user_id = ${viewerId}
      union select ct.track_id from collection_tracks ct join collections c on c.id = ct.collection_id where c.user_id = ${viewerId}
    )`;
  // Read beside the caller's own row: the query builder wants a table to select from.
  const [signals] = await db
    .select({ n: sql<number>`(select count(*)::int from ${taste} as taste)` })
    .from(users)
    .where(eq(users.id, viewerId));
  const candidates = and(eq(collections.featured, true), ne(collections.userId, viewerId));
  if ((signals?.n ?? 0) === 0) return page(db, candidates, [desc(collections.plays), ...newestFirst], request);

  const score = sql<number>`(
    select count(*)::int from collection_tracks ct
    where ct.collection_id = ${collections.id} and (
      exists (select 1 from track_genres tg where tg.track_id = ct.track_id
              and tg.genre_id in (select genre_id from track_genres where track_id in ${taste}))
      or exists (select 1 from track_artists ta where ta.track_id = ct.track_id
              and ta.artist_id in (select artist_id from track_artists where track_id in ${taste}))
    ))`;
  const where = and(candidates, sql`${score} > 0`);
  return page(db, where, [desc(score), desc(collections.plays), ...newestFirst], request);
}

/** Owner, track ids in order and cover images of each collection, keeping the order given. */
export async function loadDetails(db: Db, rows: CollectionRow[]): Promise<CollectionDetails[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((c) => c.id);
  const [owners, members] = await Promise.all([
    db
      .select()
      .from(users)
      .where(inArray(users.id, [...new Set(rows.map((c) => c.userId))])),
    db
      .select({ collectionId: collectionTracks.collectionId, trackId: collectionTracks.trackId, image: tracks.image })
      .from(collectionTracks)
      .innerJoin(tracks, eq(tracks.id, collectionTracks.trackId))
      .where(inArray(collectionTracks.collectionId, ids))
      .orderBy(asc(collectionTracks.collectionId), asc(collectionTracks.position)),
  ]);
  const ownerById = new Map(owners.map((u) => [u.id, u]));
  const trackIdsOf = new Map<number, number[]>();
  const imagesOf = new Map<number, string[]>();
  for (const m of members) {
    trackIdsOf.set(m.collectionId, [...(trackIdsOf.get(m.collectionId) ?? []), m.trackId]);
    const images = imagesOf.get(m.collectionId) ?? [];
    if (m.image !== null && images.length < COVER_IMAGES) imagesOf.set(m.collectionId, [...images, m.image]);
  }
  return rows.map((collection) => ({
    collection,
    owner: ownerById.get(collection.userId)!,
    trackIds: trackIdsOf.get(collection.id) ?? [],
    images: imagesOf.get(collection.id) ?? [],
  }));
}

/** The first occurrence of each id, in order (BeatPass syncs the set, which drops repeats). */
export const distinct = (ids: number[]) => [...new Set(ids)];

/**
 * Indexes (in `ids`) of ids that are not existing tracks. The tracks found are share-locked
 * until the transaction ends, so they cannot be deleted before they are inserted.
 */
async function missingTracks(tx: Tx, ids: number[]): Promise<number[]> {
  const rows = await tx
    .select({ id: tracks.id })
    .from(tracks)
    .where(inArray(tracks.id, distinct(ids)))
    .for('share');
  const found = new Set(rows.map((r) => r.id));
  return ids.flatMap((id, i) => (found.has(id) ? [] : [i]));
}

async function replaceTracks(tx: Tx, collectionId: number, trackIds: number[]): Promise<void> {
  await tx.delete(collectionTracks).where(eq(collectionTracks.collectionId, collectionId));
  await tx.insert(collectionTracks).values(distinct(trackIds).map((trackId, position) => ({ collectionId, trackId, position })));
}

export type Written = { collection: CollectionRow } | { missing: number[] };

export async function createCollection(db: Db, userId: number, values: { name: string; description: string | null; trackIds: number[] }): Promise<Written> {
  return db.transaction(async (tx) => {
    const missing = await missingTracks(tx, values.trackIds);
    if (missing.length > 0) return { missing };
    const [row] = await tx.insert(collections).values({ userId, name: values.name, description: values.description }).returning();
    await replaceTracks(tx, row!.id, values.trackIds);
    return { collection: row! };
  });
}

/**
 * Applies the given fields; `trackIds` replaces the tracks. The collection row is locked, so
 * concurrent replacements of its tracks apply one after the other. `undefined` when the
 * collection was deleted meanwhile.
 */
export async function updateCollection(db: Db, id: number, values: { name?: string; description?: string; trackIds?: number[] }): Promise<Written | undefined> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: collections.id }).from(collections).where(eq(collections.id, id)).for('update');
    if (!locked) return undefined;
    if (values.trackIds) {
      const missing = await missingTracks(tx, values.trackIds);
      if (missing.length > 0) return { missing };
      await replaceTracks(tx, id, values.trackIds);
    }
    const [row] = await tx
      .update(collections)
      .set({
        ...(values.name !== undefined && { name: values.name }),
        ...(values.description !== undefined && { description: values.description }),
        updatedAt: new Date(),
      })
      .where(eq(collections.id, id))
      .returning();
    return { collection: row! };
  });
}

/** Deletes the collection; false when it was already gone. */
export async function deleteCollection(db: Db, id: number): Promise<boolean> {
  const rows = await db.delete(collections).where(eq(collections.id, id)).returning({ id: collections.id });
  return rows.length > 0;
}

/** Counts one play in a single atomic update (exact under concurrent plays); undefined when gone. */
export async function countPlay(db: Db, id: number): Promise<CollectionRow | undefined> {
  const [row] = await db
    .update(collections)
    .set({ plays: sql`${collections.plays} + 1` })
    .where(eq(collections.id, id))
    .returning();
  return row;
}

/** The collection's tracks in collection order. */
export async function collectionTrackRows(db: Db, id: number): Promise<TrackRow[]> {
  const rows = await db
    .select({ track: tracks })
    .from(collectionTracks)
    .innerJoin(tracks, eq(tracks.id, collectionTracks.trackId))
    .where(eq(collectionTracks.collectionId, id))
    .orderBy(asc(collectionTracks.position));
  return rows.map((r) => r.track);
}
