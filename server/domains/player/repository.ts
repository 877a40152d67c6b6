import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { tracks } from '../../db/schema.js';

type TrackRow = typeof tracks.$inferSelect;

/** The tracks with these ids in the order given, each once; ids without a track are left out. */
export async function tracksInOrder(db: Db, ids: number[]): Promise<TrackRow[]> {
  const unique = [...new Set(ids)];
  const rows = await db.select().from(tracks).where(inArray(tracks.id, unique));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return unique.flatMap((id) => byId.get(id) ?? []);
}
