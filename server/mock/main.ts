// `npm run mock`: the mock on MOCK_PORT (default 4010) and HOST, with the sandbox's CORS_ORIGINS,
// UPLOAD_MAX_MB and LOG_LEVEL; it stops on SIGTERM/SIGINT, taking its Prism with it.
import { pino } from 'pino';
import { ConfigError, loadConfig } from '../config.js';
import { StartupError } from '../infra/listen.js';
import { DEFAULT_MOCK_PORT, startMock, type RunningMock } from './start.js';

async function main() {
  const mockPort = process.env.MOCK_PORT || String(DEFAULT_MOCK_PORT);
  if (!/^\d{1,5}$/.test(mockPort) || Number(mockPort) > 65535) {
    throw new ConfigError(`Invalid configuration:\n  - MOCK_PORT must be a whole number from 0 to 65535 (got "${mockPort}").`);
  }
  const config = loadConfig({ ...process.env, PORT: mockPort });
  // A signal during start-up waits for Prism to be up, then stops it: it must not outlive the mock.
  let mock: RunningMock | undefined;
  let stopping = false;
  const stop = () => {
    stopping = true;
    if (mock) void mock.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const started = Date.now();
  mock = await startMock({
    port: config.port,
    host: config.host,
    logger: pino({ level: config.logLevel }),
    corsOrigins: config.corsOrigins,
    uploadMaxBytes: config.uploadMaxBytes,
  });
  if (stopping) return stop();
  console.log(`\nBeatPass mock listening on ${mock.baseUrl} (ready in ${Date.now() - started} ms)`);
  console.log(`  API       ${mock.baseUrl}/api/v1/tracks`);
  console.log("  Answers   the spec's examples; invalid requests get the sandbox's 401, 404, 419 and 422 answers\n");
}

try {
  await main();
} catch (err) {
  if (err instanceof ConfigError || err instanceof StartupError) {
    console.error(err.message);
    process.exit(err instanceof ConfigError ? 2 : 1);
  }
  throw err;
}
