// `npm start` with its port taken: one line saying what to do, a non-zero exit, and nothing
// written first (no data folder, no storage folder, no wait for the database).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEntry } from '../support/entry-process.js';

let scratch: string;
let taken: Server;
let port: number;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'beatpass-port-in-use-'));
  taken = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  port = (taken.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => taken.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs `server/main.ts` to its exit (killed after 20 s, which fails the test). */
function runServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { child, output, exit } = runEntry('server/main.ts', {
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: String(port),
    ...env,
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return exit.then((code) => {
    clearTimeout(timer);
    return { code, output: output() };
  });
}

describe('npm start with the port already in use', () => {
  it('prints one line, exits non-zero and creates no data folder', async () => {
    const dataDir = join(scratch, 'data');
    const storageDir = join(scratch, 'storage');
    const { code, output } = await runServer({ DATA_DIR: dataDir, STORAGE_DIR: storageDir });

    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output.trim()).toBe(`Port ${port} on 127.0.0.1 is already in use: stop the other server or set PORT.`);
    expect(output).not.toMatch(/^\s+at /m);
    expect(existsSync(dataDir)).toBe(false);
    expect(existsSync(storageDir)).toBe(false);
  });

  it('says so at once on PostgreSQL too, without waiting for the database', async () => {
    const storageDir = join(scratch, 'storage-pg');
    const started = Date.now();
    // Nothing answers on port 1: the old start-up retried it for DB_STARTUP_TIMEOUT_MS first.
    const { code, output } = await runServer({
      DATABASE_URL: 'postgres://beatpass:beatpass@127.0.0.1:1/beatpass',
      DB_STARTUP_TIMEOUT_MS: '60000',
      STORAGE_DIR: storageDir,
    });

    expect(code).not.toBe(0);
    expect(output.trim()).toBe(`Port ${port} on 127.0.0.1 is already in use: stop the other server or set PORT.`);
    expect(output).not.toMatch(/waiting for the database/);
    expect(existsSync(storageDir)).toBe(false);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
