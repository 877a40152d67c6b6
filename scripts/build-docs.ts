// Builds the offline API reference into dist/docs/ from the bundled spec generated/openapi.json:
// Scalar's API reference (@scalar/api-reference's standalone bundle) on a page that embeds the
// spec, plus the page's own script (scripts/docs/page.ts, bundled). Nothing is loaded from outside the server that serves the page (see
// server/http/docs-page.ts for how it is served, and under which Content-Security-Policy).
//
//   npm run docs                       (tsx scripts/build-docs.ts) prints only the page's path
//   import { buildDocs } from '…/scripts/build-docs.js'; await buildDocs()   returns the path
//
// Each file is written to a temporary file next to it and renamed into place, the page last, so
// a server reading dist/docs/ never sees a half-written file or a page without its scripts.
import { createRequire } from 'node:module';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { DOCS_DIR, DOCS_PAGE, DOCS_SCRIPTS } from '../server/http/docs-page.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const specPath = join(root, 'generated', 'openapi.json');
const pageScript = join(root, 'scripts', 'docs', 'page.ts');

/** Where `buildDocs()` writes the page (absolute path to dist/docs/index.html). */
export { DOCS_PAGE as DOCS_HTML };

/**
 * The page: the spec as inert JSON (`<` escaped, so no text in it can close the element), then
 * the two scripts by URL. The paths are absolute because the page answers at /docs and /docs/.
 */
function page(spec: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>BeatPass API</title>
</head>
<body>
<noscript>This API reference needs JavaScript. The spec it shows is at <a href="/openapi.json">/openapi.json</a>.</noscript>
<div id="app"></div>
<script id="openapi" type="application/json">${spec.replaceAll('<', '\\u003c')}</script>
<script src="/docs/${DOCS_SCRIPTS.renderer}"></script>
<script src="/docs/${DOCS_SCRIPTS.page}"></script>
</body>
</html>
`;
}

/** The page's own script as one browser script (no imports left). */
async function bundlePageScript(): Promise<string> {
  const result = await build({ entryPoints: [pageScript], bundle: true, format: 'iife', target: 'es2022', write: false, logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, content);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Builds dist/docs/ from generated/openapi.json and resolves to the page's absolute path. */
export async function buildDocs(): Promise<string> {
  const scalarBundle = createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js');
  const [spec, scalar, docs] = await Promise.all([readFile(specPath, 'utf8'), readFile(scalarBundle, 'utf8'), bundlePageScript()]);
  await mkdir(DOCS_DIR, { recursive: true });
  await Promise.all([writeAtomically(join(DOCS_DIR, DOCS_SCRIPTS.renderer), scalar), writeAtomically(join(DOCS_DIR, DOCS_SCRIPTS.page), docs)]);
  await writeAtomically(DOCS_PAGE, page(spec));
  return DOCS_PAGE;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    console.log(await buildDocs());
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
