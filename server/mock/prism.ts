// Runs Prism (@stoplight/prism-cli 5.14.2) as a child process on a free loopback port, always
// with `--errors` (a request or response that breaks the spec is an error, not a logged
// warning). The mock puts `prism mock` behind the sandbox's request steps as the engine that
// answers from the spec's examples; tests also run `prism proxy` in front of the real server.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../infra/listen.js';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const prismCli = `${root}node_modules/@stoplight/prism-cli/dist/index.js`;

export const PRISM_STARTUP_TIMEOUT_MS = 30_000;

export interface PrismProcess {
  baseUrl: string;
  /** Everything Prism printed so far (its request and violation log). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `prism <command> … <args>` and resolves once it answers HTTP. Given a port, Prism is
 * spawned before this returns, so the caller can do its own start-up work while Prism starts.
 */
export async function startPrism([command, ...rest]: string[], options: { port?: number } = {}): Promise<PrismProcess> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const args = [command!, '--host', '127.0.0.1', '-p', String(port), '--errors', '--multiprocess=false', ...rest];
  const child = spawn(process.execPath, [prismCli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = () => stopChild(child);
  try {
    await waitUntilAnswering(baseUrl, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, output: () => output, stop };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + PRISM_STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Prism exited with ${child.exitCode}:\n${output()}`);
    try {
      await fetch(`${url}/api/v1/genres`, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`Prism did not answer within ${PRISM_STARTUP_TIMEOUT_MS} ms:\n${output()}`);
}
