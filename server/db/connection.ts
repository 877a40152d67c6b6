// Opens the database the configuration asks for: embedded PGlite (a directory, or memory
// when no directory is given) or PostgreSQL over node-postgres. Both get the same
// migrations and the same drizzle query layer.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Logger } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { isDatabaseUnavailable } from '../infra/unavailable.js';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Snapshot of an embedded database, to start copies from (tests). */
  dumpDataDir?: () => Promise<Blob>;
  /** Answers when the database does, within `timeoutMs`; rejects otherwise (/ready). */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export type DatabaseOptions = { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob } | PostgresOptions;

export interface PostgresOptions {
  kind: 'postgres';
  url: string;
  poolSize: number;
  /** Opening a connection, or waiting for a free one in the pool (default 5 s). */
  connectTimeoutMs?: number;
  /** Server-side statement_timeout; the client gives up 1 s later (default 10 s). */
  queryTimeoutMs?: number;
  /** Start-up retries an unreachable database with backoff for this long (default 60 s). */
  startupTimeoutMs?: number;
  logger?: Logger;
  /** Runs after the migrations while holding the migration lock (e.g. seeding), once per cluster start. */
  prepare?: (db: Db) => Promise<void>;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') return openPostgres(options);
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm },
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder });
  return {
    db,
    kind: 'pglite',
    dumpDataDir: () => client.dumpDataDir('none') as Promise<Blob>,
    ping: async (timeoutMs = 2_000) => {
      await withTimeout(client.query('select 1'), timeoutMs, 'the database');
    },
    close: () => client.close(),
  };
}

/** Arbitrary constant key for the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK_KEY = 728_455_019;

async function openPostgres(options: PostgresOptions): Promise<Database> {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const queryTimeoutMs = options.queryTimeoutMs ?? 10_000;
  const connection = {
    connectionString: options.url,
    connectionTimeoutMillis: connectTimeoutMs,
    // The server cancels a slow statement (SQLSTATE 57014, a 503); the client stops waiting a
    // little later in case the server itself does not answer (network cut, stalled host).
    statement_timeout: queryTimeoutMs,
    query_timeout: queryTimeoutMs + 1_000,
    keepAlive: true,
    application_name: 'beatpass-api',
  };

  await migrateWithRetry(options, connection);

  const pool = new pg.Pool({ ...connection, max: options.poolSize });
  hardenPool(pool, options.logger);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    ping: async (timeoutMs = 2_000) => {
      await withTimeout(pool.query('select 1'), timeoutMs, 'the database');
    },
    close: () => pool.end(),
  };
}

/**
 * Migrates (and runs `prepare`) under an advisory lock, so instances starting together do not
 * race. An unreachable database is retried with exponential backoff, logging why it waits;
 * any other failure (bad password, missing database, broken migration) stops start-up at once.
 */
async function migrateWithRetry(options: PostgresOptions, connection: pg.ClientConfig): Promise<void> {
  const startupTimeoutMs = options.startupTimeoutMs ?? 60_000;
  const started = Date.now();
  let delay = 250;
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ ...connection, statement_timeout: 0, query_timeout: undefined });
    client.on('error', () => {}); // surfaces through the pending query instead
    try {
      await client.connect();
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        const db = drizzlePg(client, { schema }) as unknown as Db;
        await migratePg(db as never, { migrationsFolder });
        await options.prepare?.(db);
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
      }
      if (attempt > 1) options.logger?.info({ attempt }, 'database reachable; migrations done');
      return;
    } catch (err) {
      const waited = Date.now() - started;
      if (!isDatabaseUnavailable(err) || waited + delay > startupTimeoutMs) throw err;
      const reason = (err as { code?: string; message?: string }).code ?? (err as Error).message;
      options.logger?.warn({ attempt, retryInMs: delay, waitedMs: waited, reason, err }, `waiting for the database (${reason}); retrying in ${delay} ms`);
      await sleep(delay);
      delay = Math.min(delay * 2, 5_000);
    } finally {
      await client.end().catch(() => {});
    }
  }
}

/**
 * node-postgres leaves three gaps that turn a database outage into a crash or a pool that
 * never recovers; this closes them:
 * - an idle client's connection error is emitted by the pool: without a listener it crashes
 *   the process;
 * - a checked-out client whose connection fails between queries emits `error` with no
 *   listener (pg-pool only listens while the client is idle): same crash;
 * - drizzle's transaction() never releases a client whose BEGIN failed, and releases a
 *   broken client without the error, so a few failed transactions leak every connection and
 *   the pool times out forever. Here a query failing for availability reasons (connection
 *   lost, read timeout) releases its client with the error, which destroys it, and later
 *   releases of that checkout become no-ops.
 */
function hardenPool(pool: pg.Pool, logger?: Logger): void {
  pool.on('error', (err) => logger?.warn({ err }, 'idle PostgreSQL connection lost; dropped from the pool'));
  pool.on('connect', (client) => {
    client.on('error', (err) => logger?.debug({ err }, 'PostgreSQL connection error on a busy client'));
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const result = query(...args);
      const callbackStyle = typeof args[args.length - 1] === 'function';
      if (!callbackStyle && result instanceof Promise) {
        result.catch((err: unknown) => {
          if (isDatabaseUnavailable(err)) discardClient(client, err);
        });
      }
      return result;
    };
  });
}

function discardClient(client: pg.PoolClient, err: unknown): void {
  const release = client.release;
  if (typeof release !== 'function') return;
  client.release = () => {};
  try {
    release(err instanceof Error ? err : new Error(String(err)));
  } catch {
    // Already back in the pool: pg-pool drops it when the connection errors.
  }
}
