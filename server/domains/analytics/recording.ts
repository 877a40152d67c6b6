// What the track handlers record for analytics: the start of a download. A player or
// download manager fetches one file in many Range requests; only a request for the whole
// file (no Range, or a Range the server will ignore) or for its first bytes starts a
// download. A user starting the same track again within ten minutes is the same download
// (browsers probe with `bytes=0-1` before asking for `bytes=0-`; clients retry).
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';

const SAME_DOWNLOAD = '10 minutes';

/** Whether a download request with this Range header starts a download. */
export function startsDownload(range: string | null): boolean {
  if (range === null) return true;
  const spec = /^\s*bytes\s*=\s*([^,]*)/i.exec(range);
  // Not a byte range: the file is sent whole.
  if (!spec) return true;
  const first = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(spec[1]!);
  if (!first || (first[1] === '' && first[2] === '')) return true;
  return first[1] !== '' && Number(first[1]) === 0;
}

export async function recordDownloadStart(db: Db, trackId: number, userId: number): Promise<void> {
  await db.execute(sql`
    insert into track_downloads (track_id, user_id)
    select ${trackId}::int, ${userId}::int
    where not exists (
      select 1 from track_downloads
      where user_id = ${userId}::int and track_id = ${trackId}::int and created_at > now() - ${SAME_DOWNLOAD}::interval)`);
}
