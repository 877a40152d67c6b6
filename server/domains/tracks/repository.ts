// Writes of the tracks domain: uploads (file entries), publishing, editing, deleting, plays.
import { and, avg, count, countDistinct, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { artists, fileEntries, genres, plays, trackArtists, trackGenres, tracks } from '../../db/schema.js';
import { randomSecret } from '../../http/hash.js';
import type { Storage } from '../../storage/storage.js';
import type { AudioAnalysis } from './audio-analysis.js';

export type FileEntryRow = typeof fileEntries.$inferSelect;
export type TrackRow = typeof tracks.$inferSelect;
export type TrackValues = Omit<typeof tracks.$inferInsert, 'id' | 'search' | 'createdAt'>;

/** The file entry of a stored WAV: who uploaded it, where it is kept, and what its analysis found. */
export function wavFileEntry(
  stored: { ownerId: number; originalName: string; sizeBytes: number; storageKey: string },
  analysis: AudioAnalysis,
): typeof fileEntries.$inferInsert {
  return {
    ...stored,
    mimeType: 'audio/wav',
    durationMs: analysis.durationMs,
    sampleRate: analysis.sampleRate,
    channels: analysis.channels,
    bitsPerSample: analysis.bitsPerSample,
    peaks: analysis.peaks,
  };
}

/** Total bytes of a user's stored uploads, published or not. */
export async function storedUploadBytes(db: Db, ownerId: number): Promise<number> {
  const [row] = await db
    .select({ bytes: sql<string>`coalesce(sum(${fileEntries.sizeBytes}), 0)` })
    .from(fileEntries)
    .where(eq(fileEntries.ownerId, ownerId));
  return Number(row!.bytes);
}

/** Key of the advisory locks that store one account's uploads one at a time (the second key is the account). */
const UPLOAD_QUOTA_LOCK = 0x75706c64;

/**
 * Stores the file entry, or gives undefined when the owner's uploads would then take more
 * than `quotaBytes`. Two uploads of one account at once are stored one after the other, so
 * they cannot both fit in the room left for one.
 */
export async function insertFileEntryWithinQuota(db: Db, values: typeof fileEntries.$inferInsert, quotaBytes: number): Promise<FileEntryRow | undefined> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${UPLOAD_QUOTA_LOCK}, ${values.ownerId})`);
    if ((await storedUploadBytes(tx, values.ownerId)) + values.sizeBytes > quotaBytes) return undefined;
    const [row] = await tx.insert(fileEntries).values(values).returning();
    return row!;
  });
}

/**
 * Deletes the uploads never published as a track that are older than `maxAgeMs`, rows and
 * stored files; returns how many.
 */
export async function deleteUnpublishedUploads(db: Db, storage: Pick<Storage, 'remove'>, maxAgeMs: number): Promise<number> {
  const deleted = await db
    .delete(fileEntries)
    .where(
      and(
        lt(fileEntries.createdAt, sql`now() - make_interval(secs => ${maxAgeMs / 1000})`),
        notExists(db.select({ id: tracks.id }).from(tracks).where(eq(tracks.fileEntryId, fileEntries.id))),
      ),
    )
    .returning({ key: fileEntries.storageKey });
  await Promise.all(deleted.map(({ key }) => storage.remove(key)));
  return deleted.length;
}

export async function findFileEntry(db: Db, id: number): Promise<FileEntryRow | undefined> {
  const [row] = await db.select().from(fileEntries).where(eq(fileEntries.id, id)).limit(1);
  return row;
}

export async function isFileEntryPublished(db: Db, fileEntryId: number): Promise<boolean> {
  const [row] = await db.select({ id: tracks.id }).from(tracks).where(eq(tracks.fileEntryId, fileEntryId)).limit(1);
  return row !== undefined;
}

export async function existingArtistIds(db: Db, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: artists.id }).from(artists).where(inArray(artists.id, ids));
  return new Set(rows.map((r) => r.id));
}

export async function genresByName(db: Db, names: string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const rows = await db.select({ id: genres.id, name: genres.name }).from(genres).where(inArray(genres.name, names));
  return new Map(rows.map((r) => [r.name, r.id]));
}

export async function trackNameTaken(db: Db, name: string, exceptId?: number): Promise<boolean> {
  const rows = await db
    .select({ id: tracks.id })
    .from(tracks)
    .where(sql`lower(${tracks.name}) = lower(${name})${exceptId === undefined ? sql`` : sql` and ${tracks.id} <> ${exceptId}`}`)
    .limit(1);
  return rows.length > 0;
}

async function replaceCredits(db: Db, trackId: number, artistIds: number[] | undefined, genreIds: number[] | undefined) {
  if (artistIds) {
    await db.delete(trackArtists).where(eq(trackArtists.trackId, trackId));
    await db.insert(trackArtists).values(artistIds.map((artistId, position) => ({ trackId, artistId, position })));
  }
  if (genreIds) {
    await db.delete(trackGenres).where(eq(trackGenres.trackId, trackId));
    if (genreIds.length > 0) await db.insert(trackGenres).values(genreIds.map((genreId) => ({ trackId, genreId })));
  }
}

export async function insertTrack(db: Db, values: TrackValues, artistIds: number[], genreIds: number[]): Promise<TrackRow> {
  return db.transaction(async (tx) => {
    const [track] = await tx.insert(tracks).values(values).returning();
    await replaceCredits(tx, track!.id, artistIds, genreIds);
    return track!;
  });
}

export async function updateTrack(
  db: Db,
  id: number,
  values: Partial<TrackValues>,
  artistIds: number[] | undefined,
  genreIds: number[] | undefined,
): Promise<TrackRow> {
  return db.transaction(async (tx) => {
    const [track] = await tx
      .update(tracks)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(tracks.id, id))
      .returning();
    await replaceCredits(tx, id, artistIds, genreIds);
    return track!;
  });
}

export async function existingTrackIds(db: Db, ids: number[]): Promise<Set<number>> {
  const rows = await db.select({ id: tracks.id }).from(tracks).where(inArray(tracks.id, ids));
  return new Set(rows.map((r) => r.id));
}

/** Deletes the tracks and their uploads in one transaction; returns the storage keys to remove. */
export async function deleteTracks(db: Db, ids: number[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    const entries = await tx
      .select({ id: fileEntries.id, key: fileEntries.storageKey })
      .from(tracks)
      .innerJoin(fileEntries, eq(fileEntries.id, tracks.fileEntryId))
      .where(inArray(tracks.id, ids));
    await tx.delete(tracks).where(inArray(tracks.id, ids));
    if (entries.length > 0)
      await tx.delete(fileEntries).where(
        inArray(
          fileEntries.id,
          entries.map((e) => e.id),
        ),
      );
    return entries.map((e) => e.key);
  });
}

export async function trackAudio(db: Db, trackId: number): Promise<{ track: TrackRow; file: FileEntryRow | null } | undefined> {
  const [row] = await db
    .select({ track: tracks, file: fileEntries })
    .from(tracks)
    .leftJoin(fileEntries, eq(fileEntries.id, tracks.fileEntryId))
    .where(eq(tracks.id, trackId))
    .limit(1);
  return row;
}

/**
 * Marks a track as posted or not and returns its `posted_at`. Marking a posted track again
 * keeps the first date, so a retried request changes nothing.
 */
export async function setPostedStatus(db: Db, trackId: number, posted: boolean): Promise<Date | null> {
  const [row] = await db
    .update(tracks)
    .set({ postedAt: posted ? sql`coalesce(${tracks.postedAt}, now())` : null })
    .where(eq(tracks.id, trackId))
    .returning({ postedAt: tracks.postedAt });
  return row?.postedAt ?? null;
}

export async function wavesOf(db: Db, trackIds: number[]): Promise<Map<number, number[]>> {
  const rows = await db
    .select({ id: tracks.id, peaks: fileEntries.peaks })
    .from(tracks)
    .leftJoin(fileEntries, eq(fileEntries.id, tracks.fileEntryId))
    .where(inArray(tracks.id, trackIds));
  return new Map(rows.map((r) => [r.id, r.peaks ?? []]));
}

export interface PlayInput {
  trackId: number;
  userId: number | null;
  idempotencyKey: string | null;
  queueId: string | null;
  position: number | null;
  /** What the request said about the listener's device, browser, platform and country. */
  device: string | null;
  browser: string | null;
  platform: string | null;
  country: string | null;
}

/**
 * Logs a play and counts it on the track, once per idempotency key: the insert and the
 * count happen in one transaction, and a key seen before inserts nothing and counts nothing.
 */
export async function logPlay(db: Db, input: PlayInput): Promise<{ playToken: string; userId: number | null }> {
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(plays)
      .values({ ...input, playToken: `pt_${randomSecret(24)}` })
      .onConflictDoNothing({ target: [plays.trackId, plays.idempotencyKey] })
      .returning({ playToken: plays.playToken, userId: plays.userId });
    if (inserted) {
      await tx
        .update(tracks)
        .set({ plays: sql`${tracks.plays} + 1` })
        .where(eq(tracks.id, input.trackId));
      return inserted;
    }
    const [existing] = await tx
      .select({ playToken: plays.playToken, userId: plays.userId })
      .from(plays)
      .where(and(eq(plays.trackId, input.trackId), eq(plays.idempotencyKey, input.idempotencyKey!)))
      .limit(1);
    return existing!;
  });
}

/** Raises a play's listened time (never lowers it); false when no such play. */
export async function recordListened(db: Db, trackId: number, playToken: string, listenedMs: number): Promise<boolean> {
  const updated = await db
    .update(plays)
    .set({ listenedMs: sql`greatest(${plays.listenedMs}, ${listenedMs})`, updatedAt: new Date() })
    .where(and(eq(plays.trackId, trackId), eq(plays.playToken, playToken)))
    .returning({ id: plays.id });
  return updated.length > 0;
}

export async function engagementOf(db: Db, track: TrackRow) {
  const [row] = await db
    .select({
      logged: count(),
      listeners: countDistinct(plays.userId),
      averageListened: avg(plays.listenedMs),
      completed: sql<number>`count(*) filter (where ${plays.listenedMs} >= ${Math.floor(track.durationMs * 0.9)})::int`,
    })
    .from(plays)
    .where(eq(plays.trackId, track.id));
  const logged = row?.logged ?? 0;
  return {
    plays: track.plays,
    unique_listeners: row?.listeners ?? 0,
    likes: track.likesCount,
    reposts: track.repostsCount,
    average_listen_ms: Math.round(Number(row?.averageListened ?? 0)),
    completion_rate: logged === 0 ? 0 : Math.round(((row?.completed ?? 0) / logged) * 1000) / 1000,
  };
}
