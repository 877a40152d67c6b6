// Starts the sandbox: config → database (migrated, demo data on first start) → docs →
// app → listen, and shuts down gracefully on SIGTERM/SIGINT.
import { mkdirSync, existsSync, statSync } from 'node:fs';
import { pino } from 'pino';
import { createApp, docsFile } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase } from './db/connection.js';
import { demoUsers, seedDemoData } from './db/seed.js';
import { bundledSpecPath } from './http/validator.js';
import { buildDocs } from '../scripts/build-docs.js';

function docsAreStale(): boolean {
  return !existsSync(docsFile) || statSync(docsFile).mtimeMs < statSync(bundledSpecPath).mtimeMs;
}

async function main(config: Config) {
  const logger = pino({ level: config.logLevel });
  if (config.database.kind === 'pglite') mkdirSync(config.database.dataDir, { recursive: true });
  const database = await openDatabase(
    config.database.kind === 'pglite' ? { kind: 'pglite', dataDir: config.database.dataDir } : config.database,
  );
  const seeded = config.seedDemoData ? (await seedDemoData(database.db)).seeded : false;
  if (docsAreStale()) await buildDocs();

  const app = createApp({
    db: database.db,
    logger,
    validateResponses: config.validateResponses,
    secureCookies: config.secureCookies,
    isReady: async () => {
      await database.db.execute('select 1');
      return true;
    },
  });
  const server = app.listen(config.port, config.host, () => {
    const base = `http://${config.host}:${config.port}`;
    const where = config.database.kind === 'pglite' ? `embedded database in ${config.database.dataDir}` : 'PostgreSQL';
    console.log(`\nBeatPass sandbox listening on ${base} (${where}${seeded ? ', demo data seeded' : ''})`);
    console.log(`  API       ${base}/api/v1/tracks`);
    console.log(`  Docs      ${base}/docs`);
    console.log(`  Spec      ${base}/openapi.json  ${base}/openapi.yaml`);
    if (config.seedDemoData) {
      console.log('\nDemo logins:');
      for (const user of demoUsers) console.log(`  ${user.email.padEnd(26)} ${user.password}  ${user.description}`);
    }
    console.log('');
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => process.exit(1), 10_000).unref();
    server.close(async () => {
      await database.close();
      clearTimeout(deadline);
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

try {
  await main(loadConfig());
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
