// Runs the client suite against the Prism mock of generated/openapi.json. Prism runs with
// `--errors`, so a request that breaks the contract is answered with an error, not an example.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { clientSuite } from './client-suite.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const prismCli = `${root}node_modules/@stoplight/prism-cli/dist/index.js`;
const STARTUP_TIMEOUT_MS = 30_000;

let prism: ChildProcess | undefined;
let baseUrl = '';

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const args = ['mock', '--host', '127.0.0.1', '-p', String(port), '--errors', '--multiprocess=false', 'generated/openapi.json'];
  prism = spawn(process.execPath, [prismCli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  prism.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  prism.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitUntilAnswering(baseUrl, prism, () => output);
}, STARTUP_TIMEOUT_MS + 5_000);

afterAll(async () => {
  if (prism === undefined || prism.exitCode !== null) return;
  const exited = new Promise((resolve) => prism!.once('exit', resolve));
  prism.kill('SIGTERM');
  const timer = setTimeout(() => prism?.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
});

clientSuite('the Prism mock', () => ({ baseUrl, kind: 'mock' }));

/** Binding port 0 lets the OS pick a port no one is using; it is released for Prism at once. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Prism exited with ${child.exitCode}:\n${output()}`);
    try {
      await fetch(`${url}/api/v1/genres`, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error(`Prism did not answer within ${STARTUP_TIMEOUT_MS} ms:\n${output()}`);
}
