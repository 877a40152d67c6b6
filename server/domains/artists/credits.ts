// Turns the `artists` field of a write (artist IDs or `CURRENT_USER`) into artist IDs, and
// checks that the caller may credit them: every ID must exist and the caller must manage at
// least one of the credited artists, so nobody publishes under someone else's name alone.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { artists } from '../../db/schema.js';
import { managedArtistIds } from '../catalog/permissions.js';
import { forbidden, invalidField } from '../../contract/responses.js';

export type ArtistReference = number | 'CURRENT_USER';

export type CreditResolution = { ok: true; artistIds: number[] } | { ok: false; response: ReturnType<typeof invalidField> | ReturnType<typeof forbidden> };

/**
 * `artistIds` keeps the order given (primary first) without duplicates. `CURRENT_USER` is
 * the caller's first managed artist (lowest ID). A caller who manages no artist at all gets
 * `noProfileMessage` as a 403 (as track publishing does), and a list of only other people's
 * artists gets `forbiddenMessage` as a 403; an unknown ID is a 422 on its item.
 */
export async function resolveArtistCredits(
  db: Db,
  userId: number,
  references: readonly ArtistReference[],
  messages: { noProfile: string; forbidden: string },
): Promise<CreditResolution> {
  const managed = (await managedArtistIds(db, userId)).sort((a, b) => a - b);
  const numeric = references.filter((r): r is number => typeof r === 'number');
  const existing =
    numeric.length === 0
      ? new Set<number>()
      : new Set((await db.select({ id: artists.id }).from(artists).where(inArray(artists.id, numeric))).map((r) => r.id));
  const ids: number[] = [];
  for (const [index, reference] of references.entries()) {
    let id: number;
    if (reference === 'CURRENT_USER') {
      if (managed.length === 0) return { ok: false, response: forbidden(messages.noProfile) };
      id = managed[0]!;
    } else {
      if (!existing.has(reference)) return { ok: false, response: invalidField(`artists.${index}`, `The selected artists.${index} is invalid.`) };
      id = reference;
    }
    if (!ids.includes(id)) ids.push(id);
  }
  if (!ids.some((id) => managed.includes(id))) {
    return { ok: false, response: forbidden(managed.length === 0 ? messages.noProfile : messages.forbidden) };
  }
  return { ok: true, artistIds: ids };
}
