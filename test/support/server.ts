// The real app for tests: a private copy of the seeded database, response validation on,
// listening on a random loopback port.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { SQL } from 'drizzle-orm';
import { pino } from 'pino';
import { inject } from 'vitest';
import { createApp, type AppOptions } from '../../server/app.js';
import { openDatabase, type Database } from '../../server/db/connection.js';
import type { RateLimitOverrides } from '../../server/http/rate-limit.js';

export interface TestServer {
  baseUrl: string;
  database: Database;
  /** Runs raw SQL against this server's database, for assertions on what was stored. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  close(): Promise<void>;
}

/** Generous limits by default, so only tests about rate limits meet them. */
const RELAXED_LIMITS: RateLimitOverrides = { api: 1_000_000, login: 1_000_000, 'two-factor': 1_000_000, register: 1_000_000 };

export async function openSeededDatabase(): Promise<Database> {
  const snapshot = readFileSync(inject('seededSnapshot'));
  return openDatabase({ kind: 'pglite', loadDataDir: new Blob([snapshot]) });
}

export async function startTestServer(
  options: { rateLimits?: RateLimitOverrides; handlerOverrides?: AppOptions['handlerOverrides'] } = {},
): Promise<TestServer> {
  const database = await openSeededDatabase();
  const app = createApp({
    db: database.db,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    validateResponses: true,
    secureCookies: false,
    rateLimits: { ...RELAXED_LIMITS, ...options.rateLimits },
    handlerOverrides: options.handlerOverrides,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    rows: async <T>(query: SQL) => ((await database.db.execute(query)) as unknown as { rows: T[] }).rows,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
