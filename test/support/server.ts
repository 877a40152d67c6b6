// The real app for tests: a private copy of the seeded database, response validation on,
// listening on a random loopback port. Every response it gives is recorded as
// (operationId, status) for the contract coverage report (test/conformance/coverage-recorder.ts);
// operations replaced by `handlerOverrides` are not, since their answers prove nothing.
// Its Spotify lookups go to a local fake Spotify (fake-spotify.ts) unless told otherwise.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql, type SQL } from 'drizzle-orm';
import { pino } from 'pino';
import { inject } from 'vitest';
import express from 'express';
import type { RequestListener } from 'node:http';
import { beatPassApi, createApp, type AppOptions } from '../../server/app.js';
import { createLogger } from '../../server/infra/logger.js';
import { createCommerce, type CommerceOptions, type CommerceSettings } from '../../server/payments/commerce.js';
import { LOCAL_ORIGINS } from '../../server/http/cors.js';
import { createTestStorage } from './storage.js';
import { Agent } from './http.js';
import { DEMO_PASSWORD, seedDemoData } from '../../server/seed/seed.js';
import { createScratchDatabase } from './postgres.js';
import { openDatabase, type Database } from '../../server/db/connection.js';
import type { RateLimitOverrides } from '../../server/http/rate-limit.js';
import { rateLimitGroups } from '../../generated/contract.js';
import { createResponseRecorder } from '../conformance/coverage-recorder.js';
import { createSpotifyClient } from '../../server/integrations/spotify/client.js';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeSpotify, type FakeSpotify } from './fake-spotify.js';

export interface TestServer {
  baseUrl: string;
  database: Database;
  /** The directory this server stores uploads in (with `tmp/` for uploads in progress). */
  storageRoot: string;
  /** Runs raw SQL against this server's database, for assertions on what was stored. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** The fake Spotify the server's Spotify lookups go to, when it has the default one. */
  fakeSpotify: FakeSpotify | undefined;
  /** A new agent signed in through the web sign-in as a demo user (session cookie + XSRF). */
  signIn(email: string): Promise<Agent>;
  /** A new agent with no credentials (or with `headers` sent on every request). */
  agent(headers?: Record<string, string>): Agent;
  /** A new agent that sends `Authorization: Bearer <token>`. */
  bearer(token: string): Agent;
  /** Payments as this server has them: the provider (the local one unless a test gave another), fees, webhook secret. */
  commerce: CommerceSettings;
  /** The id of the artist profile a demo user manages. */
  artistIdOf(email: string): Promise<number>;
  close(): Promise<void>;
}

/** How long the test servers' Spotify client waits for the fake (tests of its timeout make it silent). */
export const TEST_SPOTIFY_TIMEOUT_MS = 1_000;

/** Generous limits by default, so only tests about rate limits meet them. */
// Tests sign in far more often than a person: every group is relaxed unless a test sets it.
export const RELAXED_LIMITS = Object.fromEntries(Object.keys(rateLimitGroups).map((group) => [group, 1_000_000])) as RateLimitOverrides;

/** A host app of a backend team: its own middleware around the API, and a route of its own. */
function hostedInExpress(options: AppOptions): RequestListener {
  const host = express();
  host.disable('x-powered-by');
  host.use((_req, res, next) => {
    res.setHeader('X-Host-App', 'test');
    next();
  });
  host.use(beatPassApi(options));
  host.use(express.json());
  host.post('/host/echo', (req, res) => {
    res.json({ host: true, body: req.body });
  });
  return host;
}

export async function openSeededDatabase(): Promise<Database> {
  const snapshot = readFileSync(inject('seededSnapshot'));
  return openDatabase({ kind: 'pglite', loadDataDir: new Blob([snapshot]) });
}

/** A scratch PostgreSQL database (DATABASE_URL's driver) seeded with this many demo tracks, instead of the embedded one. */
export interface PostgresDatabaseOptions {
  tracks: number;
  poolSize: number;
}

export interface TestServerOptions {
  /** Serve from PostgreSQL instead of a copy of the seeded embedded database (see postgresAvailable). */
  postgres?: PostgresDatabaseOptions;
  rateLimits?: RateLimitOverrides;
  /** Browser origins allowed by CORS; the development default (any local dev server) when absent. */
  corsOrigins?: readonly string[];
  /** PUBLIC_URL: the URL the served spec and docs give this sandbox. */
  publicUrl?: string;
  /** The loopback port to listen on (a free one when absent); with `publicUrl`, for a page that must call this very server. */
  port?: number;
  /**
   * Serve the API as Express middleware (`beatPassApi`) inside a host app with middleware of its
   * own, instead of the standalone listener. Default: on when TEST_MOUNT=express, so the HTTP
   * suites can be run through the mount as they are.
   */
  express?: boolean;
  handlerOverrides?: AppOptions['handlerOverrides'];
  uploadMaxBytes?: number;
  uploadQuotaBytes?: number;
  /** Another Spotify client, or null for none (the lookups answer 503, as without credentials). */
  spotify?: AppOptions['spotify'] | null;
  /** Collects every log line the server writes, at debug level, with the server's own logger settings. */
  logLines?: string[];
  /** Payments: another provider, fee policy, purchases off, webhook secret or URL (the local provider and its defaults otherwise). */
  commerce?: CommerceOptions;
}

/** A scratch PostgreSQL database with the demo catalog; closing the database drops it. */
async function openSeededPostgres({ tracks, poolSize }: PostgresDatabaseOptions): Promise<Database> {
  const scratch = await createScratchDatabase();
  const database = await openDatabase({ kind: 'postgres', url: scratch.url, poolSize });
  await seedDemoData(database.db, { tracks });
  return {
    ...database,
    async close() {
      await database.close();
      await scratch.drop();
    },
  };
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = options.postgres ? await openSeededPostgres(options.postgres) : await openSeededDatabase();
  const storage = await createTestStorage();
  const fakeSpotify = options.spotify === undefined ? await startFakeSpotify() : undefined;
  const spotify = fakeSpotify
    ? createSpotifyClient({
        clientId: FAKE_CLIENT_ID,
        clientSecret: FAKE_CLIENT_SECRET,
        apiUrl: `${fakeSpotify.url}/v1`,
        accountsUrl: fakeSpotify.url,
        timeoutMs: TEST_SPOTIFY_TIMEOUT_MS,
      })
    : (options.spotify ?? undefined);
  const recorder = createResponseRecorder();
  const overridden = new Set(Object.keys(options.handlerOverrides ?? {}));
  let app: RequestListener | undefined;
  // Bound before the app is built: its links name the address it listens on.
  const server = createServer((req, res) => {
    res.once('finish', () => {
      const operationId = (req as { operation?: { operationId?: string } }).operation?.operationId;
      if (operationId && !overridden.has(operationId)) recorder.record(operationId, res.statusCode);
    });
    app!(req, res);
  }).listen(options.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const logger = options.logLines
    ? createLogger('debug', { write: (line: string) => void options.logLines!.push(line) })
    : pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  // Failed deliveries are retried quickly: a test waits for them to settle.
  const commerce = createCommerce(database.db, logger, options.publicUrl ?? baseUrl, { webhookRetryDelaysMs: [50, 200], ...options.commerce });
  const appOptions: AppOptions = {
    db: database.db,
    commerce,
    storage,
    uploadMaxBytes: options.uploadMaxBytes,
    uploadQuotaBytes: options.uploadQuotaBytes,
    logger,
    validateResponses: true,
    secureCookies: false,
    rateLimits: { ...RELAXED_LIMITS, ...options.rateLimits },
    handlerOverrides: options.handlerOverrides,
    corsOrigins: options.corsOrigins ?? LOCAL_ORIGINS,
    publicUrl: options.publicUrl ?? baseUrl,
    spotify,
  };
  app = (options.express ?? process.env.TEST_MOUNT === 'express') ? hostedInExpress(appOptions) : createApp(appOptions);
  const rows = async <T>(query: SQL) => ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
  return {
    baseUrl,
    database,
    storageRoot: storage.root,
    rows,
    agent: (headers) => new Agent(baseUrl, headers),
    bearer: (token) => new Agent(baseUrl, { authorization: `Bearer ${token}` }),
    async signIn(email) {
      const agent = new Agent(baseUrl);
      const reply = await agent.login(email, DEMO_PASSWORD);
      if (reply.status !== 200) throw new Error(`test setup: signing in as ${email} answered ${reply.status}`);
      return agent;
    },
    async artistIdOf(email) {
      const [row] = await rows<{ id: number }>(sql`select a.id from artists a join users u on u.id = a.user_id where u.email = ${email}`);
      if (!row) throw new Error(`test setup: ${email} manages no artist`);
      return row.id;
    },
    fakeSpotify,
    commerce,
    async close() {
      await commerce.local?.deliveriesSettled();
      recorder.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
      await fakeSpotify?.close();
    },
  };
}
