// Comment reads. A page of a track's comments is one query joined to the authors, ordered
// as threads: newest thread first, each top-level comment followed by its replies.
import { and, asc, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { trackComments, users } from '../../db/schema.js';
import type { PageRequest } from '../../http/pagination.js';

export type CommentRow = typeof trackComments.$inferSelect;
export type AuthorRow = typeof users.$inferSelect;
export interface CommentWithAuthor {
  comment: CommentRow;
  author: AuthorRow;
}

/** The most comments the waveform carries. */
export const WAVE_COMMENT_LIMIT = 200;

const threadKey = sql`coalesce(${trackComments.parentId}, ${trackComments.id})`;

export async function listTrackComments(db: Db, trackId: number, page: PageRequest): Promise<{ rows: CommentWithAuthor[]; total: number }> {
  const onTrack = eq(trackComments.trackId, trackId);
  const [rows, [totals]] = await Promise.all([
    db
      .select({ comment: trackComments, author: users })
      .from(trackComments)
      .innerJoin(users, eq(users.id, trackComments.userId))
      .where(onTrack)
      // Thread ids ascend with time, so the newest thread comes first; replies oldest first.
      .orderBy(desc(threadKey), sql`${trackComments.parentId} nulls first`, asc(trackComments.id))
      .limit(page.perPage)
      .offset(page.offset),
    db.select({ total: count() }).from(trackComments).where(onTrack),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/** The newest top-level, undeleted comments pinned to the waveform, in playing order. */
export async function waveComments(db: Db, trackId: number): Promise<CommentWithAuthor[]> {
  const newest = await db
    .select({ comment: trackComments, author: users })
    .from(trackComments)
    .innerJoin(users, eq(users.id, trackComments.userId))
    .where(and(eq(trackComments.trackId, trackId), isNull(trackComments.parentId), isNull(trackComments.deletedAt), isNotNull(trackComments.position)))
    .orderBy(desc(trackComments.id))
    .limit(WAVE_COMMENT_LIMIT);
  return newest.sort((a, b) => a.comment.position! - b.comment.position! || a.comment.id - b.comment.id);
}
