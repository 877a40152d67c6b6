// Developer tokens in Sanctum's format: the plaintext `<id>|<secret>` is shown once; only
// the secret's SHA-256 is stored. Tokens expire 90 days after creation.
import { and, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { preparedPerDatabase } from '../../db/prepared.js';
import { developerTokens, users } from '../../db/schema.js';
import { randomSecret, sha256 } from '../../http/hash.js';
import type { UserRow } from '../users/repository.js';

export const TOKEN_LIFETIME_DAYS = 90;
/** Ids are int4; a larger one in a presented token cannot exist. */
const MAX_ID = 2_147_483_647;
export type DeveloperTokenRow = typeof developerTokens.$inferSelect;

/** Unexpired tokens one account may hold (the spec's `DeveloperTokenList.tokens.maxItems`). */
export const LIVE_TOKENS_PER_ACCOUNT = 100;
export const TOKEN_LIMIT_MESSAGE = `This account already has ${LIVE_TOKENS_PER_ACCOUNT} developer tokens: revoke one first.`;

/** A new token, or 'limit-reached' when the account already holds its maximum of live tokens. */
export async function createDeveloperToken(db: Db, userId: number, name: string): Promise<{ token: DeveloperTokenRow; plainText: string } | 'limit-reached'> {
  const secret = randomSecret(40);
  return db.transaction(async (tx) => {
    // The account's row is the lock: two requests racing at the limit create one token, not two.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    const [{ live }] = (await tx
      .select({ live: sql<number>`count(*)::int` })
      .from(developerTokens)
      .where(and(eq(developerTokens.userId, userId), gt(developerTokens.expiresAt, sql`now()`)))) as [{ live: number }];
    if (live >= LIVE_TOKENS_PER_ACCOUNT) return 'limit-reached' as const;
    const [token] = await tx
      .insert(developerTokens)
      .values({
        userId,
        name,
        tokenHash: sha256(secret),
        expiresAt: sql`now() + make_interval(days => ${TOKEN_LIFETIME_DAYS})`,
      })
      .returning();
    return { token: token!, plainText: `${token!.id}|${secret}` };
  });
}

// Run on every request a bearer token signs in.
const liveToken = preparedPerDatabase((db) =>
  db
    .select({ token: developerTokens, user: users })
    .from(developerTokens)
    .innerJoin(users, eq(users.id, developerTokens.userId))
    .where(
      and(eq(developerTokens.id, sql.placeholder('id')), eq(developerTokens.tokenHash, sql.placeholder('hash')), gt(developerTokens.expiresAt, sql`now()`)),
    )
    .limit(1)
    .prepare('developer_tokens_live'),
);

/** The live token and its user, or undefined when unknown, expired or revoked. */
export async function findLiveToken(db: Db, plainText: string): Promise<{ token: DeveloperTokenRow; user: UserRow } | undefined> {
  const separator = plainText.indexOf('|');
  const id = Number(plainText.slice(0, separator));
  const secret = plainText.slice(separator + 1);
  if (separator < 1 || !Number.isInteger(id) || id < 1 || id > MAX_ID || secret.length === 0) return undefined;
  const [row] = await liveToken(db).execute({ id, hash: sha256(secret) });
  return row;
}

/** Records use at most once a minute, so reads do not turn into writes. */
export async function markTokenUsed(db: Db, token: DeveloperTokenRow): Promise<void> {
  if (token.lastUsedAt && Date.now() - token.lastUsedAt.getTime() < 60_000) return;
  await db.update(developerTokens).set({ lastUsedAt: new Date() }).where(eq(developerTokens.id, token.id));
}

export async function listDeveloperTokens(db: Db, userId: number): Promise<DeveloperTokenRow[]> {
  return db
    .select()
    .from(developerTokens)
    .where(and(eq(developerTokens.userId, userId), gt(developerTokens.expiresAt, sql`now()`)))
    .orderBy(desc(developerTokens.createdAt), desc(developerTokens.id));
}

export async function deleteDeveloperToken(db: Db, userId: number, tokenId: number): Promise<boolean> {
  const deleted = await db
    .delete(developerTokens)
    .where(and(eq(developerTokens.id, tokenId), eq(developerTokens.userId, userId)))
    .returning({ id: developerTokens.id });
  return deleted.length > 0;
}

/** Tokens past their 90 days sign nobody in and are listed nowhere: housekeeping deletes them. */
export async function deleteExpiredTokens(db: Db): Promise<number> {
  const deleted = await db.delete(developerTokens).where(lt(developerTokens.expiresAt, sql`now()`)).returning({ id: developerTokens.id });
  return deleted.length;
}
