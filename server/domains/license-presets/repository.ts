// A producer's exclusive-license presets and their artist's default terms. Every query is
// scoped to the owner, so another user's preset is indistinguishable from a missing one.
// Writes that change the default or count presets lock the owner's user row first: two
// requests of one user run one after the other, so the count holds and the one-default index
// (exclusive_license_presets_one_default) is never raced into a unique violation.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { artists, exclusiveLicensePresets, tracks, users } from '../../db/schema.js';
import type { ExclusiveLicenseConfig } from './terms.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type PresetRow = typeof exclusiveLicensePresets.$inferSelect;
export type PresetWithUsage = PresetRow & { tracksCount: number };

/** Presets one user may hold (the spec's `ExclusiveLicensePresetList.presets.maxItems`). */
export const MAX_PRESETS_PER_USER = 100;

/** The foreign key that keeps a preset while a track names it, as PostgreSQL names it (identifiers are cut to 63 bytes). */
const TRACK_PRESET_FOREIGN_KEY = 'tracks_exclusive_license_preset_id_exclusive_license_presets_id_fk'.slice(0, 63);

// Spelled out: inside a one-table select drizzle leaves column names unqualified, and the
// subquery's own `id` would shadow the preset's.
const tracksCount = sql<number>`(select count(*)::int from tracks t where t.exclusive_license_preset_id = exclusive_license_presets.id)`;
const ownedBy = (userId: number, presetId: number) => and(eq(exclusiveLicensePresets.id, presetId), eq(exclusiveLicensePresets.userId, userId));

async function lockUser(tx: Tx, userId: number): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
}

async function clearDefault(tx: Tx, userId: number): Promise<void> {
  await tx
    .update(exclusiveLicensePresets)
    .set({ isDefault: false, updatedAt: new Date() })
    .where(and(eq(exclusiveLicensePresets.userId, userId), eq(exclusiveLicensePresets.isDefault, true)));
}

/**
 * Whether `err` is a track pointed at a preset deleted meanwhile (see `deletePreset`):
 * SQLSTATE 23503 on the tracks → presets key, however the driver wraps it.
 */
export function isPresetReferenceViolation(err: unknown): boolean {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23503' && e.constraint === TRACK_PRESET_FOREIGN_KEY) return true;
  }
  return false;
}

export async function listPresets(db: Db, userId: number): Promise<PresetWithUsage[]> {
  return db
    .select({ preset: exclusiveLicensePresets, tracksCount })
    .from(exclusiveLicensePresets)
    .where(eq(exclusiveLicensePresets.userId, userId))
    .orderBy(desc(exclusiveLicensePresets.isDefault), asc(sql`lower(${exclusiveLicensePresets.name})`), asc(exclusiveLicensePresets.id))
    .then((rows) => rows.map((row) => ({ ...row.preset, tracksCount: row.tracksCount })));
}

export async function findPreset(db: Db, userId: number, presetId: number): Promise<PresetWithUsage | undefined> {
  const [row] = await db.select({ preset: exclusiveLicensePresets, tracksCount }).from(exclusiveLicensePresets).where(ownedBy(userId, presetId));
  return row && { ...row.preset, tracksCount: row.tracksCount };
}

export async function isOwnPreset(db: Db, userId: number, presetId: number): Promise<boolean> {
  const [row] = await db.select({ id: exclusiveLicensePresets.id }).from(exclusiveLicensePresets).where(ownedBy(userId, presetId));
  return row !== undefined;
}

export interface PresetValues {
  name: string;
  description: string | null;
  config: ExclusiveLicenseConfig;
}

/** The new preset's id, or 'limit-reached' when the user already holds the maximum. */
export async function createPreset(db: Db, userId: number, values: PresetValues, isDefault: boolean): Promise<number | 'limit-reached'> {
  return db.transaction(async (tx) => {
    await lockUser(tx, userId);
    const [{ held }] = (await tx
      .select({ held: sql<number>`count(*)::int` })
      .from(exclusiveLicensePresets)
      .where(eq(exclusiveLicensePresets.userId, userId))) as [{ held: number }];
    if (held >= MAX_PRESETS_PER_USER) return 'limit-reached' as const;
    if (isDefault) await clearDefault(tx, userId);
    const [row] = await tx
      .insert(exclusiveLicensePresets)
      .values({ userId, name: values.name, description: values.description, config: values.config, isDefault })
      .returning({ id: exclusiveLicensePresets.id });
    return row!.id;
  });
}

/** Whether the user's preset existed (and was changed). */
export async function updatePreset(db: Db, userId: number, presetId: number, values: Partial<PresetValues>): Promise<boolean> {
  const rows = await db
    .update(exclusiveLicensePresets)
    .set({ ...values, updatedAt: new Date() })
    .where(ownedBy(userId, presetId))
    .returning({ id: exclusiveLicensePresets.id });
  return rows.length > 0;
}

/**
 * Deletes the user's preset unless tracks use it. The preset's row is locked before the
 * tracks are counted: a track being pointed at it meanwhile takes a key-share lock on that
 * row for its foreign-key check, so it either commits first and is counted here, or waits
 * and fails that check once the preset is gone.
 */
export async function deletePreset(db: Db, userId: number, presetId: number): Promise<'deleted' | 'not-found' | { inUse: number }> {
  return db.transaction(async (tx) => {
    const [preset] = await tx.select({ id: exclusiveLicensePresets.id }).from(exclusiveLicensePresets).where(ownedBy(userId, presetId)).for('update');
    if (!preset) return 'not-found' as const;
    const [{ used }] = (await tx.select({ used: sql<number>`count(*)::int` }).from(tracks).where(eq(tracks.exclusiveLicensePresetId, presetId))) as [
      { used: number },
    ];
    if (used > 0) return { inUse: used };
    await tx.delete(exclusiveLicensePresets).where(eq(exclusiveLicensePresets.id, presetId));
    return 'deleted' as const;
  });
}

/** Makes the user's preset their only default; false when they have no such preset. */
export async function setDefaultPreset(db: Db, userId: number, presetId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockUser(tx, userId);
    const [preset] = await tx.select({ isDefault: exclusiveLicensePresets.isDefault }).from(exclusiveLicensePresets).where(ownedBy(userId, presetId));
    if (!preset) return false;
    if (preset.isDefault) return true;
    await clearDefault(tx, userId);
    await tx.update(exclusiveLicensePresets).set({ isDefault: true, updatedAt: new Date() }).where(eq(exclusiveLicensePresets.id, presetId));
    return true;
  });
}

export interface ArtistDefault {
  artistId: number;
  config: Record<string, unknown> | null;
}

/** The default terms of the artist profile the user manages (one per account), or undefined without one. */
export async function artistDefaultOf(db: Db, userId: number): Promise<ArtistDefault | undefined> {
  const [row] = await db
    .select({ artistId: artists.id, config: artists.exclusiveLicenseDefault })
    .from(artists)
    .where(eq(artists.userId, userId))
    .orderBy(asc(artists.id))
    .limit(1);
  return row;
}

export async function setArtistDefault(db: Db, artistId: number, config: ExclusiveLicenseConfig | null): Promise<void> {
  await db.update(artists).set({ exclusiveLicenseDefault: config }).where(eq(artists.id, artistId));
}
