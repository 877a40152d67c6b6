// Every shell and TypeScript example in README.md runs as written against a fresh sandbox, as a
// newcomer would run them: the server `npm start` runs (its own port, a new data and storage
// folder, demo data, the default rate limits), then each block on its own. Shell blocks run with
// bash under `set -euo pipefail` from a scratch folder inside the repository (so `npm run` works
// and the files they write stay out of the tree); TypeScript blocks run with tsx from the
// repository root, where their `./client/index.js` imports point.
// The one rewrite is the sandbox's address: `127.0.0.1:3000` becomes its port. `curl -s` exits 0
// on a 4xx, so curl is given a `.curlrc` (through CURL_HOME) with `fail-with-body`: a call the
// sandbox refuses fails its block, with the error body in the output.
// A block that cannot run here (an install, a server that runs until stopped, another app's
// files) is preceded by `<!-- readme-test: skip: <reason> -->`. The counts below pin how many
// blocks run and how many are skipped, so an edit that adds, drops or skips one updates them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../server/infra/listen.js';
import { type EntryProcess, runEntry } from '../support/entry-process.js';

const EXPECTED_RUN = 5;
const EXPECTED_SKIPPED = 5;

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const README_URL = /(?:127\.0\.0\.1|localhost):3000/g;
const SKIP = /^<!--\s*readme-test:\s*skip:\s*(.*?)\s*-->$/;
const RUNNERS = { bash: 'bash', sh: 'bash', shell: 'bash', ts: 'tsx', typescript: 'tsx' } as const;

interface Block {
  /** 1-based line of the opening fence. */
  line: number;
  section: string;
  runner: (typeof RUNNERS)[keyof typeof RUNNERS];
  code: string;
  skipReason: string | undefined;
}

/** The README's fenced shell and TypeScript blocks, with the section each is in. */
function readmeBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let section = '(top)';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#{1,6}\s+(.*)$/.exec(lines[i]!);
    if (heading) section = heading[1]!;
    const fence = /^(`{3,})\s*([\w-]*)(.*)$/.exec(lines[i]!);
    if (!fence) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith(fence[1]!) && l.trim() === fence[1]);
    if (end === -1) throw new Error(`README.md:${i + 1}: unclosed code block`);
    const language = fence[2]!.toLowerCase();
    if (language in RUNNERS) {
      let previous = i - 1;
      while (previous >= 0 && lines[previous]!.trim() === '') previous--;
      blocks.push({
        line: i + 1,
        section,
        runner: RUNNERS[language as keyof typeof RUNNERS],
        code: lines.slice(i + 1, end).join('\n'),
        skipReason: SKIP.exec(lines[previous]?.trim() ?? '')?.[1],
      });
    }
    i = end;
  }
  return blocks;
}

interface Run {
  code: number | null;
  output: string;
}

function collect(child: ChildProcess, timeoutMs: number): Promise<Run> {
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

const blocks = readmeBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
const toRun = blocks.filter((b) => b.skipReason === undefined);
const describeBlock = (b: Block) => `${b.runner === 'bash' ? 'shell' : 'TypeScript'} block at README.md:${b.line} ("${b.section}")`;
const listing = blocks.map((b) => `  ${describeBlock(b)}${b.skipReason === undefined ? '' : `, skipped: ${b.skipReason}`}`).join('\n');
const counted = toRun.length === EXPECTED_RUN && blocks.length - toRun.length === EXPECTED_SKIPPED;

describe('README.md examples', () => {
  let scratch: string;
  let workDir: string;
  let sandbox: EntryProcess;
  let address: string;
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, NODE_ENV: 'development', CURL_HOME: scratch });

  beforeAll(async () => {
    // Blocks run for real (one installs packages), so none runs until the README's blocks are the ones counted.
    if (!counted) throw new Error(`README.md's blocks are not the ${EXPECTED_RUN} to run and ${EXPECTED_SKIPPED} skipped this test counts:\n${listing}`);
    scratch = mkdtempSync(join(tmpdir(), 'beatpass-readme-'));
    writeFileSync(join(scratch, '.curlrc'), 'fail-with-body\nshow-error\n');
    mkdirSync(join(root, '.test-results'), { recursive: true });
    workDir = mkdtempSync(join(root, '.test-results', 'readme-'));
    address = `127.0.0.1:${await freePort()}`;
    sandbox = runEntry('server/main.ts', {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      PORT: address.split(':')[1]!,
      DATA_DIR: join(scratch, 'data'),
      STORAGE_DIR: join(scratch, 'storage'),
    });
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (sandbox.child.exitCode !== null) throw new Error(`the sandbox exited with ${sandbox.child.exitCode}:\n${sandbox.output()}`);
      if (Date.now() > deadline) throw new Error(`the sandbox was not ready within 90 s:\n${sandbox.output()}`);
      const ready = await fetch(`http://${address}/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 120_000);

  afterAll(async () => {
    if (sandbox && sandbox.child.exitCode === null) {
      sandbox.child.kill('SIGTERM');
      const stubborn = setTimeout(() => sandbox.child.kill('SIGKILL'), 15_000);
      await sandbox.exit;
      clearTimeout(stubborn);
    }
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }, 30_000);

  it('runs every shell and TypeScript block but those marked as skipped, each with its reason', () => {
    expect(blocks.filter((b) => b.skipReason === '').map(describeBlock), 'a skip needs a reason').toEqual([]);
    expect(counted, listing).toBe(true);
  });

  it.each(toRun.map((b) => [describeBlock(b), b] as const))(
    '%s runs as written',
    async (_name, block) => {
      const code = block.code.replaceAll(README_URL, address);
      const child =
        block.runner === 'bash'
          ? spawn('bash', ['-c', `set -euo pipefail\n${code}`], { cwd: workDir, env: env(), stdio: ['ignore', 'pipe', 'pipe'] })
          : spawn(process.execPath, [tsxCli, '--input-type=module', '-e', code], { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
      const { code: status, output } = await collect(child, 60_000);
      expect(status, `${describeBlock(block)} failed:\n${output}\n--- sandbox output ---\n${sandbox.output()}`).toBe(0);
    },
    90_000,
  );
});
