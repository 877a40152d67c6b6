// The real server process (`node --import tsx server/main.ts`) on PostgreSQL: it waits for an
// unreachable database at start-up (saying why) instead of crashing, and on SIGTERM it stops
// accepting, finishes what is in flight and exits 0, so every write answered 2xx is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createScratchDatabase, postgresAvailable, POSTGRES_ADMIN_URL } from '../support/postgres.js';
import { hostAndPort } from './support/services.js';
import { TcpProxy } from './support/tcp-proxy.js';

const available = await postgresAvailable();
const root = fileURLToPath(new URL('../../', import.meta.url));

interface Spawned {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', SEED_DEMO_DATA: 'false', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.runIf(available)('the server process on PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let proxy: TcpProxy;
  let server: Spawned | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    proxy = await new TcpProxy(hostAndPort(POSTGRES_ADMIN_URL, 5432)).listen();
  });

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await proxy?.close();
    await scratch?.drop();
  });

  it('waits for an unreachable database at start-up, logging why, and starts once it answers', async () => {
    proxy.cut('reset');
    server = startServer({
      DATABASE_URL: proxy.url(scratch.url),
      DB_CONNECT_TIMEOUT_MS: '1000',
      RATE_LIMIT_REGISTER: '1000000',
      SHUTDOWN_TIMEOUT_MS: '10000',
    });
    const s = server;
    await waitFor('the "waiting for the database" log line', () =>
      /waiting for the database \((ECONNRESET|ECONNREFUSED|Connection terminated[^)]*)\)/.test(s.output()) ? true : undefined,
    );
    expect(s.child.exitCode).toBeNull();
    proxy.restore();
    baseUrl = await waitFor('the banner', () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(s.output())?.[1]);
    const ready = await fetch(`${baseUrl}/ready`);
    expect(ready.status).toBe(200);
  });

  it('finishes in-flight writes on SIGTERM and exits 0: every write answered 2xx is stored', async () => {
    const s = server!;
    expect(s.child.exitCode).toBeNull();
    const answered: { email: string; status: number; afterSignal: boolean }[] = [];
    let signalled = false;
    let stop = false;
    let n = 0;

    const worker = async () => {
      while (!stop) {
        const email = `burst${++n}@beatpass.test`;
        try {
          const reply = await fetch(`${baseUrl}/api/v1/auth/register`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ email, password: 'long-enough-pw', password_confirmation: 'long-enough-pw', token_name: 'burst' }),
          });
          await reply.text();
          answered.push({ email, status: reply.status, afterSignal: signalled });
        } catch {
          // Refused or closed: the server no longer accepts. Not answered, so nothing is promised.
          if (signalled) return;
        }
      }
    };
    const workers = Array.from({ length: 12 }, () => worker());
    await waitFor('a few answered writes', () => (answered.filter((a) => a.status === 200).length >= 20 ? true : undefined));
    signalled = true;
    s.child.kill('SIGTERM');
    const code = await s.exited;
    stop = true;
    await Promise.all(workers);

    expect(code).toBe(0);
    expect(s.output()).toContain('shutting down');
    const statuses = new Set(answered.map((a) => a.status));
    expect(
      [...statuses].every((status) => status === 200),
      `statuses: ${[...statuses]}`,
    ).toBe(true);
    // Requests in flight when the signal arrived were finished, not cut.
    expect(answered.some((a) => a.afterSignal)).toBe(true);

    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ email: string }>("select email from users where email like 'burst%'");
      const stored = new Set(rows.map((r) => r.email));
      const ok = answered.filter((a) => a.status === 200);
      for (const { email } of ok) expect(stored.has(email), `${email} answered 200 but is not stored`).toBe(true);
    } finally {
      await client.end();
    }
  });
});
