// Our real app (every middleware of the request path, the validator as configured) with its
// catalog data layer answering from memory, for anonymous GET /api/v1/tracks and
// GET /api/v1/tracks/{track_id}. VALIDATION=none|requests|full picks the validation mode.
// Prints "listening <port>" when ready.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { notFound } from '../../server/contract/responses.js';
import { createApp } from '../../server/app.js';
import type { Db } from '../../server/db/connection.js';
import { listBody, showBody } from './memory-data.js';
import { createLocalStorage } from '../../server/storage/storage.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const mode = process.env.VALIDATION ?? 'full';
if (!['none', 'requests', 'full'].includes(mode)) throw new Error(`VALIDATION must be none, requests or full (got ${mode})`);

// Anonymous reads never reach the database: any use of it is a bench bug and fails loudly.
const noDatabase = new Proxy(
  {},
  {
    get: () => {
      throw new Error('the memory bench server has no database');
    },
  },
) as Db;

// Bound first: the app's pagination links name the address it listens on.
const server = createServer().listen(Number(process.env.PORT ?? 0), '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const { port } = server.address() as AddressInfo;
const app = createApp({
  publicUrl: `http://127.0.0.1:${port}`,
  db: noDatabase,
  logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }),
  validateRequests: mode !== 'none',
  validateResponses: mode === 'full',
  secureCookies: false,
  // Never written to: the bench sends no uploads.
  storage: await createLocalStorage(mkdtempSync(join(tmpdir(), 'beatpass-bench-storage-'))),
  rateLimits: { api: 1_000_000_000 },
  handlerOverrides: {
    async listTracks({ page }) {
      return { status: 200, body: listBody(page) };
    },
    async getTrack({ params }) {
      const body = showBody(params.track_id);
      return body ? { status: 200, body } : notFound('Track');
    },
  },
});
server.on('request', app);
console.log(`listening ${port}`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
