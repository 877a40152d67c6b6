// A server entry point (`npm start`, `npm run mock`) run as its own process, as a developer
// runs it on a fresh machine (none of the test run's service variables), with everything it
// prints collected.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface EntryProcess {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** The exit code (null when killed by a signal). */
  exit: Promise<number | null>;
}

/** Variables a developer's fresh shell does not have, though the test run may. */
const SERVICE_VARIABLES = ['DATABASE_URL', 'REDIS_URL', 'SPOTIFY_CLIENT_ID', 'SPOTIFY_CLIENT_SECRET', 'PUBLIC_URL', 'CORS_ORIGINS'];

/** Runs `entry` with this process's environment, without SERVICE_VARIABLES, plus `env`. */
export function runEntry(entry: 'server/main.ts' | 'server/mock/main.ts', env: Record<string, string>): EntryProcess {
  const inherited = { ...process.env };
  for (const name of SERVICE_VARIABLES) delete inherited[name];
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: root, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exit = new Promise<number | null>((resolve) => child.once('close', resolve));
  return { child, output: () => output, exit };
}
