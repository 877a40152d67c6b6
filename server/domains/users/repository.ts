import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { preparedPerDatabase } from '../../db/prepared.js';
import { users } from '../../db/schema.js';

export type UserRow = typeof users.$inferSelect;

// Run on every request a session signs in.
const userById = preparedPerDatabase((db) =>
  db
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .limit(1)
    .prepare('users_by_id'),
);

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  const [row] = await userById(db).execute({ id });
  return row;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
  return row;
}

export async function emailOrUsernameTaken(db: Db, email: string, username: string | null): Promise<{ email: boolean; username: boolean }> {
  const rows = await db
    .select({ email: users.email, username: users.username })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email}) or (${username}::text is not null and lower(${users.username}) = lower(${username}))`);
  return {
    email: rows.some((r) => r.email.toLowerCase() === email.toLowerCase()),
    username: username !== null && rows.some((r) => r.username?.toLowerCase() === username.toLowerCase()),
  };
}

export async function insertUser(db: Db, values: { email: string; username: string | null; displayName: string; passwordHash: string }): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}
