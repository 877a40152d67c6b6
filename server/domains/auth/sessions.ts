// Server-side sessions. The cookie holds a random secret; the table holds its hash, so
// ending a session (logout, rotation) takes effect on every copy of the cookie at once.
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { preparedPerDatabase } from '../../db/prepared.js';
import { sessions } from '../../db/schema.js';
import { randomSecret, sha256 } from '../../http/hash.js';

export const SESSION_IDLE_SECONDS = 2 * 60 * 60;
export const SESSION_REMEMBER_SECONDS = 30 * 24 * 60 * 60;
export const PENDING_TWO_FACTOR_SECONDS = 10 * 60;
/** Wrong codes that end a pending sign-in: the password must be sent again before more guesses. */
export const WRONG_CODES_PER_PENDING_SIGN_IN = 3;

export type SessionRow = typeof sessions.$inferSelect;

/** Whom a session belongs to: a signed-in user, a sign-in waiting for its two-factor code, or nobody yet. */
export type SessionOwner = { userId: number } | { pendingUserId: number } | 'guest';

export interface NewSession {
  /** The session cookie's value; only its hash is stored. */
  cookieValue: string;
  /** The XSRF-TOKEN cookie's value, which X-XSRF-TOKEN must repeat. */
  csrfToken: string;
  session: SessionRow;
}

export async function createSession(db: Db, owner: SessionOwner, lifetimeSeconds: number): Promise<NewSession> {
  const cookieValue = randomSecret(40);
  const csrfToken = randomSecret(40);
  const [session] = await db
    .insert(sessions)
    .values({
      id: sha256(cookieValue),
      userId: typeof owner === 'object' && 'userId' in owner ? owner.userId : null,
      pendingUserId: typeof owner === 'object' && 'pendingUserId' in owner ? owner.pendingUserId : null,
      csrfToken,
      expiresAt: new Date(Date.now() + lifetimeSeconds * 1000),
    })
    .returning();
  return { cookieValue, csrfToken, session: session! };
}

// Run on every signed-in request.
const liveSession = preparedPerDatabase((db) =>
  db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql`now()`)))
    .limit(1)
    .prepare('auth_live_session'),
);

export async function findLiveSession(db: Db, cookieValue: string): Promise<SessionRow | undefined> {
  const [row] = await liveSession(db).execute({ id: sha256(cookieValue) });
  return row;
}

/** Slides an idle session's expiry, at most once a minute to keep reads cheap. */
export async function touchSession(db: Db, session: SessionRow): Promise<void> {
  if (Date.now() - session.lastSeenAt.getTime() < 60_000) return;
  const remaining = session.expiresAt.getTime() - Date.now();
  if (remaining > SESSION_IDLE_SECONDS * 1000) return; // remember-me sessions keep their expiry
  await db
    .update(sessions)
    .set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() + SESSION_IDLE_SECONDS * 1000) })
    .where(eq(sessions.id, session.id));
}

/** Counts a wrong two-factor code against a pending sign-in; resolves to its wrong codes so far. */
export async function recordWrongCode(db: Db, id: string): Promise<number> {
  const [row] = await db
    .update(sessions)
    .set({ failedCodeAttempts: sql`${sessions.failedCodeAttempts} + 1` })
    .where(eq(sessions.id, id))
    .returning({ attempts: sessions.failedCodeAttempts });
  return row?.attempts ?? Number.POSITIVE_INFINITY;
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Expired sessions, pending two-factor sign-ins among them, are never read again: housekeeping deletes them. */
export async function deleteExpiredSessions(db: Db): Promise<number> {
  const deleted = await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`)).returning({ id: sessions.id });
  return deleted.length;
}
