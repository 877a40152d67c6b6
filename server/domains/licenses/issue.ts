// Issuing a license certificate: its content (track, artists, licensee, terms) is fixed at
// issue and hashed, so a certificate checked later proves it was not altered in the database.
import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { artists, exclusiveLicensePresets, licenses, trackArtists, tracks, users } from '../../db/schema.js';
import { NON_EXCLUSIVE_LICENSE_TERMS, PLATFORM_EXCLUSIVE_LICENSE_CONFIG } from '../license-presets/platform-default.js';

export type LicenseType = 'non_exclusive' | 'exclusive';
export type LicenseRow = typeof licenses.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** What a certificate states, fixed at issue. */
export interface LicenseTerms {
  track_name: string;
  track_artists: string[];
  licensee_name: string;
  licensee_email: string;
  terms: Record<string, unknown>;
  [key: string]: unknown;
}

/** The certificate's fingerprint: SHA-256 over its type, parties and terms, keys sorted. */
export function integrityHash(license: { uuid: string; trackId: number; userId: number; licenseType: string; terms: Record<string, unknown> }): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
          )
        : value;
  const content = JSON.stringify(
    canonical({ uuid: license.uuid, track_id: license.trackId, user_id: license.userId, license_type: license.licenseType, ...license.terms }),
  );
  return createHash('sha256').update(content).digest('hex');
}

/** The exclusive terms a sale of the track grants: its preset, else its artist's default, over the platform's. */
async function exclusiveTerms(tx: Db | Tx, trackId: number, presetId: number | null): Promise<Record<string, unknown>> {
  if (presetId !== null) {
    const [preset] = await tx.select({ config: exclusiveLicensePresets.config }).from(exclusiveLicensePresets).where(eq(exclusiveLicensePresets.id, presetId));
    if (preset) return { ...PLATFORM_EXCLUSIVE_LICENSE_CONFIG, ...preset.config };
  }
  const [primary] = await tx
    .select({ config: artists.exclusiveLicenseDefault })
    .from(trackArtists)
    .innerJoin(artists, eq(artists.id, trackArtists.artistId))
    .where(eq(trackArtists.trackId, trackId))
    .orderBy(trackArtists.position)
    .limit(1);
  return { ...PLATFORM_EXCLUSIVE_LICENSE_CONFIG, ...(primary?.config ?? {}) };
}

/** The terms a license of this type for the track grants today (what a checkout shows). */
export async function licenseTermsFor(db: Db | Tx, trackId: number, presetId: number | null, licenseType: LicenseType): Promise<Record<string, unknown>> {
  return licenseType === 'exclusive' ? exclusiveTerms(db, trackId, presetId) : { ...NON_EXCLUSIVE_LICENSE_TERMS };
}

/** Issues the licensee's certificate for a track inside the caller's transaction. */
export async function issueLicense(
  tx: Tx,
  input: { trackId: number; userId: number; licenseType: LicenseType; purchaseId: number | null },
): Promise<LicenseRow> {
  const [track] = await tx.select({ name: tracks.name, presetId: tracks.exclusiveLicensePresetId }).from(tracks).where(eq(tracks.id, input.trackId));
  const [licensee] = await tx.select({ name: users.displayName, email: users.email }).from(users).where(eq(users.id, input.userId));
  if (!track || !licensee) throw new Error(`Cannot issue a license for track ${input.trackId} to user ${input.userId}: one of them is gone`);
  const names = await tx
    .select({ name: artists.name })
    .from(trackArtists)
    .innerJoin(artists, eq(artists.id, trackArtists.artistId))
    .where(eq(trackArtists.trackId, input.trackId))
    .orderBy(trackArtists.position);
  const terms: LicenseTerms = {
    track_name: track.name,
    track_artists: names.map((row) => row.name),
    licensee_name: licensee.name,
    licensee_email: licensee.email,
    terms: await licenseTermsFor(tx, input.trackId, track.presetId, input.licenseType),
  };
  const uuid = randomUUID();
  const [row] = await tx
    .insert(licenses)
    .values({
      uuid,
      trackId: input.trackId,
      userId: input.userId,
      purchaseId: input.purchaseId,
      licenseType: input.licenseType,
      terms,
      integrityHash: integrityHash({ uuid, trackId: input.trackId, userId: input.userId, licenseType: input.licenseType, terms }),
    })
    .returning();
  return row!;
}
