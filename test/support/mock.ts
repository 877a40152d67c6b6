// The mock (`npm run mock`) for tests: its own request steps in front of a private Prism,
// listening on a random loopback port, with the development CORS policy (any local dev server).
import { pino } from 'pino';
import { DEFAULT_UPLOAD_MAX_BYTES } from '../../server/app.js';
import { LOCAL_ORIGINS } from '../../server/http/cors.js';
import { PRISM_STARTUP_TIMEOUT_MS } from '../../server/mock/prism.js';
import { startMock, type RunningMock } from '../../server/mock/start.js';

export type { RunningMock };

/** How long a test hook should give the mock to start (Prism takes most of it). */
export const MOCK_STARTUP_TIMEOUT_MS = PRISM_STARTUP_TIMEOUT_MS + 10_000;

export function startTestMock(): Promise<RunningMock> {
  return startMock({
    port: 0,
    host: '127.0.0.1',
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    corsOrigins: LOCAL_ORIGINS,
    uploadMaxBytes: DEFAULT_UPLOAD_MAX_BYTES,
  });
}
