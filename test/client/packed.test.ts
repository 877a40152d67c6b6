// The client as a frontend team gets it: `npm pack ./client`, installed into an empty project
// of its own, then used (a) from Node: a strict tsc type-check and run of packed-app/node.ts,
// and the client suite, all importing the installed package; (b) bundled by esbuild from the
// installed package into a page on another origin than the sandbox's, in Chromium: the
// anonymous list, the session flow with XSRF, and a bearer call.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/seed.js';
import { launchChromium } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientSuite, type ClientModule } from './client-suite.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const COMMAND_TIMEOUT_MS = 60_000;
/** Far above what the package needs (about 50 kB, nearly all of it the generated types). */
const MAX_TARBALL_BYTES = 200_000;

interface PackResult {
  filename: string;
  size: number;
  files: { path: string }[];
}

let work: string;
let app: string;
let pack: PackResult;
let packed: ClientModule;
let sandbox: TestServer;
let browser: Browser | undefined;
let frontend: Server | undefined;

/** npm as a developer runs it: without the npm_* variables of an `npm test` that started this run. */
function npm(args: string[], cwd: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  return run('npm', args, { cwd, env, timeout: COMMAND_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'beatpass-packed-'));
  app = join(work, 'app');
  cpSync(join(import.meta.dirname, 'packed-app'), app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'packed-client-app', private: true, type: 'module' }));

  const { stdout } = await npm(['pack', './client', '--pack-destination', work, '--json'], root);
  [pack] = JSON.parse(stdout) as [PackResult];
  await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, pack.filename)], app);

  // Resolved from inside the app, through the package's `exports`, as the app's own code would.
  writeFileSync(join(app, 'entry.mjs'), "export * from '@beatpass/client';\n");
  packed = (await import(pathToFileURL(join(app, 'entry.mjs')).href)) as ClientModule;
  sandbox = await startTestServer();
}, 3 * COMMAND_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (frontend ? frontend.close(resolve) : resolve(undefined)));
  await sandbox?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed client', () => {
  it('is a small tarball of ESM, declarations and the generated types, depending on openapi-fetch alone', () => {
    const paths = pack.files.map((file) => file.path).sort();
    expect(paths).toContain('package.json');
    expect(paths).toEqual(
      expect.arrayContaining(['dist/client/index.js', 'dist/client/index.d.ts', 'dist/generated/api.d.ts', 'dist/generated/pagination.js']),
    );
    // Nothing of the server, no sources or tests: only the build.
    for (const path of paths) expect(path).toMatch(/^(package\.json|dist\/(client|generated)\/[\w-]+\.(js|d\.ts))$/);
    expect(paths.filter((path) => path.includes('.test.'))).toEqual([]);
    expect(pack.size).toBeLessThan(MAX_TARBALL_BYTES);

    const installed = JSON.parse(readFileSync(join(app, 'node_modules/@beatpass/client/package.json'), 'utf8'));
    const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(installed.dependencies).toEqual({ 'openapi-fetch': rootPackage.dependencies['openapi-fetch'] });
    // The README's install line names the tarball by its versioned file name.
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(`npm install ../beatpass-api/${pack.filename}`);
  });

  it('type-checks in a strict app of its own and runs there under plain node', async () => {
    // The README's Vite example is compiled with the app: it cannot run here, but it must type-check.
    const viteExample = /```ts\n(import [^\n]*'@beatpass\/client';\n[\s\S]*?)```/.exec(readFileSync(join(root, 'README.md'), 'utf8'))?.[1];
    expect(viteExample, "README.md's example importing @beatpass/client").toBeDefined();
    writeFileSync(join(app, 'readme-vite.ts'), viteExample!);
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          noUncheckedIndexedAccess: true,
          // As most apps set it. Declarations that failed to resolve would still show: the
          // expected errors in node.ts would then not happen, which tsc reports.
          skipLibCheck: true,
          outDir: 'dist',
          typeRoots: [join(root, 'node_modules/@types')],
          types: ['node'],
        },
        files: ['node.ts', 'browser.ts', 'readme-vite.ts'],
      }),
    );
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', app], { cwd: app, timeout: COMMAND_TIMEOUT_MS }).catch(
      (error: { stdout?: string }) => {
        throw new Error(`tsc refused the app:\n${error.stdout ?? String(error)}`);
      },
    );

    const { stdout } = await run(process.execPath, [join(app, 'dist/node.js'), sandbox.baseUrl], { cwd: app, timeout: COMMAND_TIMEOUT_MS });
    expect(JSON.parse(stdout)).toEqual({
      tokenUser: 'developer@beatpass.test',
      track: 1,
      genres: expect.any(Number),
      missing: 404,
      twoFactor: false,
      sessionUser: 'listener@beatpass.test',
    });
  });

  describe('bundled by esbuild, in Chromium, on a page of another origin', () => {
    let page: Page;
    let apiPort: string;

    beforeAll(async () => {
      const bundle = await build({
        entryPoints: [join(app, 'browser.ts')],
        absWorkingDir: app,
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
      });
      const script = bundle.outputFiles[0]!.text;
      frontend = createServer((req, res) => {
        const isScript = req.url === '/app.js';
        res.setHeader('Content-Type', isScript ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8');
        res.end(isScript ? script : '<!doctype html><title>frontend</title><script type="module" src="/app.js"></script>');
      }).listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => frontend!.once('listening', resolve));
      apiPort = new URL(sandbox.baseUrl).port;

      browser = await launchChromium();
      page = await (await browser.newContext()).newPage();
      // Where a Vite dev server puts the app by default.
      await page.goto(`http://localhost:${(frontend.address() as AddressInfo).port}/`);
      await page.waitForFunction(() => 'packedClientFlow' in globalThis, undefined, { timeout: 10_000 });
    });

    const flow = (api: string) =>
      page.evaluate(
        ({ api, password }) =>
          (globalThis as unknown as { packedClientFlow: (api: string, password: string) => Promise<unknown> }).packedClientFlow(api, password),
        { api, password: DEMO_PASSWORD },
      );

    it('calls the sandbox anonymously, with a session and XSRF, and with a bearer token', async () => {
      expect(await flow(`http://localhost:${apiPort}`)).toEqual({
        anonymousList: { status: 200 },
        sessionLogin: { status: 200, email: 'listener@beatpass.test' },
        sessionMe: { status: 200, email: 'listener@beatpass.test' },
        sessionWrite: { status: 200 },
        tokenLogin: { status: 200, email: 'developer@beatpass.test' },
        bearerMe: { status: 200, email: 'developer@beatpass.test' },
      });
    });

    // Why the README says to address the sandbox by the page's own host name: cookies belong to
    // a host (not a port), so a page on localhost can neither read 127.0.0.1's XSRF cookie nor
    // have its SameSite=Lax session cookie sent.
    it('keeps no session when the page and the sandbox differ in host name, while tokens still work', async () => {
      expect(await flow(`http://127.0.0.1:${apiPort}`)).toEqual({
        anonymousList: { status: 200 },
        sessionLogin: { status: 419 },
        sessionMe: { status: 401 },
        sessionWrite: { status: 401 },
        tokenLogin: { status: 200, email: 'developer@beatpass.test' },
        bearerMe: { status: 200, email: 'developer@beatpass.test' },
      });
    });
  });
});

clientSuite('the sandbox, installed from npm pack', () => ({ baseUrl: sandbox.baseUrl, kind: 'server', artistId: 1, client: packed }));
