// License rows as the routes read them. A license counts as held while it is active and not
// past its `expires_at`; revoked and expired ones stay, so verification can say what they were.
import { and, desc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { licenses, tracks } from '../../db/schema.js';
import type { PageRequest } from '../../http/pagination.js';
import type { LicenseRow } from './issue.js';

/** The license is in force: not revoked, not expired. */
const inForce = (): SQL => and(eq(licenses.status, 'active'), or(isNull(licenses.expiresAt), gt(licenses.expiresAt, sql`now()`)))!;

export async function findLicense(db: Db, uuid: string): Promise<LicenseRow | undefined> {
  const [row] = await db.select().from(licenses).where(eq(licenses.uuid, uuid));
  return row;
}

/**
 * The user's license for the track that a certificate shows when none is named: the newest
 * in force, else the newest of any state (so a revoked one answers as revoked, not missing).
 */
export async function newestLicenseOf(db: Db, userId: number, trackId: number): Promise<LicenseRow | undefined> {
  const [row] = await db
    .select()
    .from(licenses)
    .where(and(eq(licenses.userId, userId), eq(licenses.trackId, trackId)))
    .orderBy(desc(sql`(${inForce()})`), desc(licenses.issuedAt), desc(licenses.id))
    .limit(1);
  return row;
}

/** The user's newest license in force for each of the tracks that has one. */
export async function licensesInForce(db: Db, userId: number, trackIds: readonly number[]): Promise<Map<number, LicenseRow>> {
  if (trackIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(licenses)
    .where(and(eq(licenses.userId, userId), inArray(licenses.trackId, [...trackIds]), inForce()))
    .orderBy(desc(licenses.issuedAt), desc(licenses.id));
  const byTrack = new Map<number, LicenseRow>();
  for (const row of rows) if (!byTrack.has(row.trackId)) byTrack.set(row.trackId, row);
  return byTrack;
}

/** Whether the user holds a license in force for the track (it lets a buyer download it). */
export async function holdsLicense(db: Db, userId: number, trackId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: licenses.id })
    .from(licenses)
    .where(and(eq(licenses.userId, userId), eq(licenses.trackId, trackId), inForce()))
    .limit(1);
  return row !== undefined;
}

/** The user's licenses, newest first. */
export async function listLicensesOf(db: Db, userId: number, page: PageRequest): Promise<{ rows: LicenseRow[]; total: number }> {
  const [rows, [counted]] = await Promise.all([
    db.select().from(licenses).where(eq(licenses.userId, userId)).orderBy(desc(licenses.issuedAt), desc(licenses.id)).limit(page.perPage).offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(licenses).where(eq(licenses.userId, userId)),
  ]);
  return { rows, total: counted?.total ?? 0 };
}

/** The track a license is for, as it is now (its name may have changed since the issue). */
export async function trackOf(db: Db, trackId: number): Promise<{ id: number; name: string; exclusiveStatus: string | null } | undefined> {
  const [row] = await db.select({ id: tracks.id, name: tracks.name, exclusiveStatus: tracks.exclusiveStatus }).from(tracks).where(eq(tracks.id, trackId));
  return row;
}

/** Revokes a license that is not revoked yet; undefined when it already was (a concurrent revocation included). */
export async function revokeLicense(db: Db, id: number, revokedBy: number, reason: string): Promise<LicenseRow | undefined> {
  const [row] = await db
    .update(licenses)
    .set({ status: 'revoked', revokedAt: sql`now()`, revokedBy, revokedReason: reason })
    .where(and(eq(licenses.id, id), eq(licenses.status, 'active')))
    .returning();
  return row;
}
