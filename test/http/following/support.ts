// Fresh accounts for the social-graph tests, made straight in the database with a developer
// token each (no password hashing, no sign-in), so a test can have dozens of them cheaply.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createDeveloperToken } from '../../../server/domains/developer-tokens/repository.js';
import type { Agent } from '../../support/http.js';
import type { TestServer } from '../../support/server.js';

export interface FreshUser {
  id: number;
  agent: Agent;
}

export async function freshUsers(server: TestServer, n: number): Promise<FreshUser[]> {
  const tag = randomUUID().slice(0, 8);
  const rows = await server.rows<{ id: number }>(sql`
    insert into users (email, display_name, username, password_hash)
    select 'social-' || ${tag} || '-' || g || '@beatpass.test', 'Social ' || g, 's' || ${tag} || '_' || g, 'not-a-hash'
    from generate_series(1, ${n}::int) g
    returning id`);
  const out: FreshUser[] = [];
  for (const { id } of rows) {
    const created = await createDeveloperToken(server.database.db, id, 'social test');
    if (created === 'limit-reached') throw new Error('test setup: token limit');
    out.push({ id, agent: server.bearer(created.plainText) });
  }
  return out;
}

/** Plain accounts (no token), for rows to follow. */
export async function plainUserIds(server: TestServer, n: number): Promise<number[]> {
  const tag = randomUUID().slice(0, 8);
  const rows = await server.rows<{ id: number }>(sql`
    insert into users (email, display_name, password_hash)
    select 'plain-' || ${tag} || '-' || g || '@beatpass.test', 'Plain ' || g, 'not-a-hash'
    from generate_series(1, ${n}::int) g
    returning id`);
  return rows.map((r) => r.id);
}
