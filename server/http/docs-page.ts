// The API reference at /docs: the page `npm run docs` (scripts/build-docs.ts) writes to
// dist/docs/, with its two scripts beside it, served under a Content-Security-Policy that lets
// the page run only its own scripts and talk only to this server. The reader's "send" goes to
// the sandbox it was served from and nowhere else, and the browser enforces it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';

export const DOCS_DIR = fileURLToPath(new URL('../../dist/docs/', import.meta.url));

/** The page itself. */
export const DOCS_PAGE = join(DOCS_DIR, 'index.html');

/**
 * The page's scripts, files beside it loaded from this origin (so the policy needs neither
 * hashes nor 'unsafe-inline' for scripts): Scalar's standalone bundle, then the page's own.
 */
export const DOCS_SCRIPTS = { renderer: 'scalar.js', page: 'docs.js' } as const;

/**
 * `'unsafe-inline'` for styles only: Scalar (Vue) adds its stylesheets as <style> elements at
 * run time, which no hash known at build time can cover, and without them the page is
 * unstyled. Styles cannot run script, and with images, fonts and connections limited to this
 * origin an injected style has nowhere to send anything. No `'unsafe-eval'`: nothing needs it.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the page at /docs (and /docs/) and its scripts at /docs/<name>, or passes to the
 * next handler (the 404) while the page is not built. `rewrite` turns the built page into the
 * one this server sends (naming this server as the sandbox).
 */
export function docsRoutes(rewrite: (html: string) => string): Router {
  const router = Router();
  // Start-up may rebuild the page after the routes are created: it is read again when it changes.
  let page: { mtimeMs: number; html: string } | undefined;
  router.get(['/docs', '/docs/'], (_req, res, next) => {
    if (!existsSync(DOCS_PAGE)) return next();
    const { mtimeMs } = statSync(DOCS_PAGE);
    if (page?.mtimeMs !== mtimeMs) page = { mtimeMs, html: rewrite(readFileSync(DOCS_PAGE, 'utf8')) };
    res.set('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY).type('html').send(page.html);
  });
  for (const name of Object.values(DOCS_SCRIPTS)) {
    // Revalidated on every load (Last-Modified), so a rebuilt page never runs an old script.
    router.get(`/docs/${name}`, (_req, res, next) => {
      if (!existsSync(join(DOCS_DIR, name))) return next();
      res.sendFile(name, { root: DOCS_DIR, headers: { 'Cache-Control': 'no-cache' } });
    });
  }
  return router;
}
