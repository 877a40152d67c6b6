// Builds the offline API reference: dist/docs/index.html, a single self-contained page
// (Redoc with its scripts inlined via `redocly build-docs --inlineBundle`) rendered from the
// bundled spec generated/openapi.json, titled "BeatPass API". Without --inlineBundle the page
// loads Redoc from Redocly's CDN and never renders its operations offline.
//
//   npm run docs                       (tsx scripts/build-docs.ts) prints only the output path
//   import { buildDocs } from '…/scripts/build-docs.js'; await buildDocs()   returns the path
//
// The page is written to a temporary file next to it and renamed into place, so a server
// reading dist/docs/index.html never sees a half-written file.
import { execFile } from 'node:child_process';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const run = promisify(execFile);

const root = fileURLToPath(new URL('..', import.meta.url));
const specPath = join(root, 'generated', 'openapi.json');

/** Where `buildDocs()` writes the page (absolute path to dist/docs/index.html). */
export const DOCS_HTML = join(root, 'dist', 'docs', 'index.html');

/** Builds dist/docs/index.html from generated/openapi.json and resolves to its absolute path. */
export async function buildDocs(): Promise<string> {
  await mkdir(dirname(DOCS_HTML), { recursive: true });
  const tmp = `${DOCS_HTML}.${process.pid}.${Date.now()}.tmp.html`;
  try {
    await run(join(root, 'node_modules', '.bin', 'redocly'), ['build-docs', specPath, '--inlineBundle', '--title', 'BeatPass API', '-o', tmp], {
      cwd: root,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    });
    await rename(tmp, DOCS_HTML);
  } catch (error) {
    await rm(tmp, { force: true });
    const stderr = (error as { stderr?: string }).stderr ?? '';
    // Drop Redocly's boxed Node 20 deprecation banner; keep the actual complaint.
    const detail = stderr
      .split('\n')
      .filter((line) => line.trim() !== '' && !/[║╔╚═]/.test(line))
      .join('\n');
    throw new Error(`redocly build-docs failed for ${specPath}${detail ? `:\n${detail}` : ''}`, { cause: error });
  }
  return DOCS_HTML;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    console.log(await buildDocs());
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
