// Starts the sandbox: config → bind the port → database (migrated, demo data on first start;
// PostgreSQL is retried with backoff while it does not answer) → Redis (when configured) → docs
// → app, and shuts down gracefully on SIGTERM/SIGINT within SHUTDOWN_TIMEOUT_MS.
// The port is bound first, so a port that is taken stops start-up with one line before the
// data folder or the database is touched (a throwaway probe would leave a window in which
// another process takes the port); until the app is ready, requests get 503 with Retry-After.
import { mkdirSync, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { StartupError, listen, startingUp } from './infra/listen.js';
import { startHousekeeping } from './infra/housekeeping.js';
import type { AddressInfo } from 'node:net';
import { createLogger } from './infra/logger.js';
import { createApp, docsFile } from './app.js';
import { createLocalStorage } from './storage/storage.js';
import { seedDemoAudio } from './seed/demo-audio.js';
import { users } from './db/schema.js';
import { eq } from 'drizzle-orm';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase, type Db } from './db/connection.js';
import { DEMO_PRODUCER_EMAIL, demoUsers, seedDemoData } from './seed/seed.js';
import { bundledSpecPath } from './http/validator.js';
import { buildDocs } from '../scripts/build-docs.js';
import { closeRedis, createRedis, pingRedis } from './infra/redis.js';
import { gracefulShutdown } from './infra/shutdown.js';
import { createSpotifyClient } from './integrations/spotify/client.js';
import { createCommerce } from './payments/commerce.js';
import { createStripePaymentProvider } from './payments/stripe-provider.js';

function docsAreStale(): boolean {
  return !existsSync(docsFile) || statSync(docsFile).mtimeMs < statSync(bundledSpecPath).mtimeMs;
}

const answerWhileStarting = startingUp('sandbox');

async function main(config: Config) {
  const logger = createLogger(config.logLevel);
  const server = createServer(answerWhileStarting);
  await listen(server, config.port, config.host);
  if (config.database.kind === 'pglite') mkdirSync(config.database.dataDir, { recursive: true });
  let seeded = false;
  const seed = async (db: Db) => {
    if (config.seedDemoData) seeded = (await seedDemoData(db, { tracks: config.demoTracks })).seeded;
  };
  const database =
    config.database.kind === 'pglite'
      ? await openDatabase({ kind: 'pglite', dataDir: config.database.dataDir })
      : // Several instances may start together: seeding runs under the migration lock.
        await openDatabase({ ...config.database, logger, prepare: seed });
  if (database.kind === 'pglite') await seed(database.db);
  const redis = config.redis ? createRedis({ ...config.redis, logger }) : undefined;
  const storage = await createLocalStorage(config.storageDir);
  if (seeded) {
    const [producer] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_PRODUCER_EMAIL));
    if (producer) await seedDemoAudio(database.db, storage, producer.id);
  }
  if (docsAreStale()) await buildDocs();

  const publicUrl = config.publicUrl((server.address() as AddressInfo).port);
  const { stripe, feePolicy, purchasesEnabled } = config.commerce;
  const commerce = createCommerce(database.db, logger, publicUrl, {
    provider: stripe ? createStripePaymentProvider({ secretKey: stripe.secretKey, apiUrl: stripe.apiUrl }) : undefined,
    webhookSecret: stripe?.webhookSecret,
    feePolicy,
    purchasesEnabled,
  });

  let stopping = false;
  const app = createApp({
    db: database.db,
    logger,
    storage,
    uploadMaxBytes: config.uploadMaxBytes,
    uploadQuotaBytes: config.uploadQuotaBytes,
    validateResponses: config.validateResponses,
    validateRequests: config.validateRequests,
    secureCookies: config.secureCookies,
    rateLimits: config.rateLimits,
    redis,
    spotify: config.spotify ? createSpotifyClient(config.spotify) : undefined,
    corsOrigins: config.corsOrigins,
    publicUrl,
    commerce,
    isReady: async () => {
      if (stopping) return false;
      await Promise.all([database.ping(2_000), redis ? pingRedis(redis, 1_000) : undefined]);
      return true;
    },
  });
  server.off('request', answerWhileStarting).on('request', app);
  const housekeeping = startHousekeeping(database.db, {
    intervalMs: config.housekeepingIntervalMs,
    uploads: { storage, maxAgeMs: config.uploadExpiryMs },
    logger,
  });
  printBanner(config, server, seeded);

  const shutdown = gracefulShutdown({
    server,
    logger,
    timeoutMs: config.shutdownTimeoutMs,
    onStart: () => {
      stopping = true;
    },
    closeResources: async () => {
      await housekeeping.stop();
      await Promise.all([withDeadline(database.close(), 5_000), redis ? closeRedis(redis) : undefined]);
    },
  });
  const stop = async (signal: string) => process.exit(await shutdown(signal));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** The URLs and, with demo data, the demo logins: printed once the app answers. */
function printBanner(config: Config, server: Server, seeded: boolean) {
  const { port } = server.address() as AddressInfo;
  const base = `http://${config.host}:${port}`;
  const where = config.database.kind === 'pglite' ? `embedded database in ${config.database.dataDir}` : 'PostgreSQL';
  console.log(`\nBeatPass sandbox listening on ${base} (${where}${seeded ? ', demo data seeded' : ''})`);
  console.log(`  API       ${base}/api/v1/tracks`);
  console.log(`  Docs      ${base}/docs`);
  console.log(`  Spec      ${base}/openapi.json  ${base}/openapi.yaml`);
  const { stripe, purchasesEnabled } = config.commerce;
  const payments = stripe ? `Stripe${stripe.apiUrl ? ` at ${stripe.apiUrl}` : ''}` : 'local provider (Stripe test mode, no account needed)';
  console.log(`  Payments  ${payments}${purchasesEnabled ? '' : ', purchases turned off'}`);
  if (config.seedDemoData) {
    console.log('\nDemo logins:');
    for (const user of demoUsers) console.log(`  ${user.email.padEnd(26)} ${user.password}  ${user.description}`);
  }
  console.log('');
}

/** Resolves when `promise` settles or after `ms`, whichever comes first. */
async function withDeadline(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.catch(() => {}),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

try {
  await main(loadConfig());
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  if (err instanceof StartupError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
