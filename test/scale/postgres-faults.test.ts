// PostgreSQL goes away under a running instance (through a proxy the test controls; the
// shared server is never touched): requests get the documented 503 with Retry-After, quickly,
// never a 500 and never a hang; once the database is back the same instance serves again by
// itself, and every write that was answered 2xx is still there.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../server/db/connection.js';
import { isDatabaseUnavailable } from '../../server/infra/unavailable.js';
import { Agent, type Reply } from '../support/http.js';
import { createScratchDatabase, postgresAvailable, POSTGRES_ADMIN_URL } from '../support/postgres.js';
import { startInstance, type Instance } from './support/instance.js';
import { hostAndPort } from './support/services.js';
import { TcpProxy } from './support/tcp-proxy.js';

const available = await postgresAvailable();

/** Generous bound on any answer while the database is away: connect 500 ms, queries 1 s (+1 s client side). */
const ANSWER_WITHIN_MS = 4_000;
const timeouts = { connectTimeoutMs: 500, queryTimeoutMs: 1_000, startupTimeoutMs: 5_000 };

describe.runIf(available)('PostgreSQL outage under a running instance', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let proxy: TcpProxy;
  let instance: Instance;
  let direct: Database;
  const committed: string[] = [];
  let token: string;
  let counter = 0;

  const register = async (): Promise<{ email: string; reply: Reply; ms: number }> => {
    const email = `user${++counter}-${Date.now()}@beatpass.test`;
    const started = Date.now();
    const reply = await new Agent(instance.baseUrl).request('POST', '/api/v1/auth/register', {
      json: { email, password: 'long-enough-pw', password_confirmation: 'long-enough-pw' },
    });
    if (reply.status === 200) committed.push(email);
    return { email, reply, ms: Date.now() - started };
  };

  /** A mix of reads, authenticated reads and writes, all at once. */
  const burst = async () => {
    const timed = async (fn: () => Promise<Reply>) => {
      const started = Date.now();
      const reply = await fn();
      return { reply, ms: Date.now() - started };
    };
    const anonymous = new Agent(instance.baseUrl);
    const bearer = new Agent(instance.baseUrl, { authorization: `Bearer ${token}` });
    return Promise.all([
      timed(() => anonymous.request('GET', '/api/v1/tracks')),
      timed(() => anonymous.request('GET', '/api/v1/genres')),
      timed(() => bearer.request('GET', '/api/v1/users/me')),
      timed(() => bearer.request('GET', '/api/v1/developer-tokens')),
      ...Array.from({ length: 6 }, () => register()),
    ]);
  };

  const expectServiceUnavailable = (results: { reply: Reply; ms: number }[]) => {
    for (const { reply, ms } of results) {
      expect(reply.status, JSON.stringify(reply.body)).toBe(503);
      expect(reply.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(reply.body).toEqual({ message: 'Service temporarily unavailable. Please retry shortly.' });
      expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    }
  };

  const waitUntilServing = async () => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const reply = await new Agent(instance.baseUrl).request('GET', '/api/v1/tracks');
      if (reply.status === 200) return;
      expect(reply.status).toBe(503);
      if (Date.now() > deadline) throw new Error('the instance did not recover within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    proxy = await new TcpProxy(hostAndPort(POSTGRES_ADMIN_URL, 5432)).listen();
    instance = await startInstance({ databaseUrl: proxy.url(scratch.url), database: timeouts });
    direct = await openDatabase({ kind: 'postgres', url: scratch.url, poolSize: 2 });
    const created = await new Agent(instance.baseUrl).request('POST', '/api/v1/auth/register', {
      json: { email: 'owner@beatpass.test', password: 'long-enough-pw', password_confirmation: 'long-enough-pw', token_name: 'cli' },
    });
    expect(created.status).toBe(200);
    token = (created.body as { boostrapData: { user: { access_token: string } } }).boostrapData.user.access_token;
    committed.push('owner@beatpass.test');
  });

  beforeEach(async () => {
    proxy.restore();
    await waitUntilServing();
    for (let i = 0; i < 3; i++) expect((await register()).reply.status).toBe(200);
  });

  afterAll(async () => {
    proxy?.restore();
    await instance?.close();
    await direct?.close();
    await proxy?.close();
    await scratch?.drop();
  });

  for (const mode of ['reset', 'blackhole'] as const) {
    it(`answers 503 with Retry-After while the database is ${mode === 'reset' ? 'refusing connections' : 'silent'}, then recovers by itself`, async () => {
      proxy.cut(mode);
      const health = await new Agent(instance.baseUrl).request('GET', '/health');
      expect(health.status).toBe(200);
      const ready = await new Agent(instance.baseUrl).request('GET', '/ready');
      expect(ready.status).toBe(503);

      const during = [...(await burst()), ...(await burst())];
      expectServiceUnavailable(during);

      proxy.restore();
      await waitUntilServing();
      const after = await burst();
      for (const { reply } of after) expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect((await new Agent(instance.baseUrl).request('GET', '/ready')).status).toBe(200);

      // Every write answered 200 is stored; none answered 503 is.
      const emails = (await direct.db.execute(sql`select email from users`)) as unknown as { rows: { email: string }[] };
      const stored = new Set(emails.rows.map((r) => r.email));
      for (const email of committed) expect(stored.has(email), email).toBe(true);
      expect(stored.size).toBe(committed.length);
    });
  }

  it('recovers a pool whose transactions stalled at BEGIN (no connection leaks)', async () => {
    // Fill the pool with live connections, then silence them and start more transactions than
    // the pool holds: each BEGIN hangs until the client-side read timeout.
    const { database } = instance;
    await Promise.all(Array.from({ length: 4 }, () => database.db.execute(sql`select pg_sleep(0.05)`)));
    proxy.cut('blackhole');
    const started = Date.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`select 1`);
        }),
      ),
    );
    expect(Date.now() - started).toBeLessThan(2 * ANSWER_WITHIN_MS);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect(isDatabaseUnavailable((outcome as PromiseRejectedResult).reason), String((outcome as PromiseRejectedResult).reason)).toBe(true);
    }
    proxy.restore();
    // All four connections are usable again: four concurrent transactions succeed.
    await Promise.all(Array.from({ length: 4 }, () => database.db.transaction((tx) => tx.execute(sql`select pg_sleep(0.05)`))));
  });

  it('maps a statement that outlives DB_QUERY_TIMEOUT_MS to unavailable (SQLSTATE 57014), not a 500', async () => {
    const outcome = await instance.database.db.execute(sql`select pg_sleep(3)`).catch((err: unknown) => err);
    expect(isDatabaseUnavailable(outcome)).toBe(true);
  });
});
