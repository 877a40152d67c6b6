// The API reference served at /docs renders offline in a real browser: headless Debian
// Chromium (scripts/ensure-chromium.sh) that may reach only 127.0.0.1. It checks that Redoc
// hydrates (no "Loading…" left), that the sidebar lists every operation summary in the spec,
// and that clicking an operation shows its HTTP method and path.
// Set DOCS_SCREENSHOT=/tmp/docs.png to keep a screenshot of the opened operation.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_HTML, buildDocs } from '../../scripts/build-docs.js';
import { blockExternalRequests, launchChromium, type BlockedRequest } from '../support/browser.js';
// The server under test is chosen by this one import: the application itself, or (should it
// be unavailable) the stand-in that serves only the page:
import { startTestServer as startServer } from '../support/server.js';

const TIMEOUT = 60_000;
const SPEC = fileURLToPath(new URL('../../generated/openapi.json', import.meta.url));
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const LOADING = /Loading(…|\.\.\.)/;

interface Spec {
  paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], { summary?: string }>>>;
}

/** Every operation summary in the bundled spec, in document order. */
function operationSummaries(): string[] {
  const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as Spec;
  return Object.values(spec.paths).flatMap((item) => HTTP_METHODS.flatMap((method) => (item[method]?.summary ? [item[method].summary] : [])));
}

/** (Re)builds dist/docs/index.html when it is missing or older than the bundled spec. */
async function ensureDocsBuilt(): Promise<void> {
  if (existsSync(DOCS_HTML) && statSync(DOCS_HTML).mtimeMs >= statSync(SPEC).mtimeMs) return;
  await buildDocs();
}

/** Redoc's sidebar. */
function sidebar(page: Page) {
  return page.locator('.menu-content');
}

/** Sidebar links to operations (they carry an HTTP method tag). */
function operationLinks(page: Page) {
  return sidebar(page)
    .locator('a')
    .filter({ has: page.locator('[data-component-name="Tags/HttpTag"]') });
}

/** Sidebar links to tag groups (they carry an expand/collapse chevron). */
function groupLinks(page: Page) {
  return sidebar(page)
    .locator('a')
    .filter({ has: page.locator('[data-component-name^="icons/Chevron"]') });
}

/** The operation labels (summaries) in the sidebar link texts, which end with the method. */
async function visibleOperationLabels(page: Page): Promise<string[]> {
  const texts = await operationLinks(page).allInnerTexts();
  return texts.map((text) => text.split('\n')[0]!.trim());
}

/**
 * Every operation label the sidebar lists. The groups start collapsed and behave like an
 * accordion (opening one closes the others), so open them one at a time.
 */
async function allSidebarOperations(page: Page): Promise<Set<string>> {
  const seen = new Set<string>();
  const groups = groupLinks(page);
  const count = await groups.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const before = seen.size;
    await groups.nth(i).click();
    await expect
      .poll(
        async () => {
          for (const label of await visibleOperationLabels(page)) seen.add(label);
          return seen.size;
        },
        { timeout: 5_000 },
      )
      .toBeGreaterThan(before);
  }
  return seen;
}

describe('API reference at /docs (browser)', { timeout: TIMEOUT }, () => {
  let server: { baseUrl: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let blocked: BlockedRequest[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureDocsBuilt();
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    blocked = await blockExternalRequests(page);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, TIMEOUT);

  it('is served over HTTP as one self-contained HTML page', async () => {
    const res = await fetch(`${server!.baseUrl}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<title>BeatPass API</title>');
    // --inlineBundle: Redoc is embedded, nothing is loaded from a CDN.
    expect(html).not.toMatch(/<script[^>]*\ssrc=["']?https?:/i);
    expect(html).not.toMatch(/\b(?:from|import)\s*\(?\s*["']https?:\/\//);
    expect(html).not.toMatch(/<link[^>]*\shref=["']?https?:[^>]*stylesheet|<link[^>]*stylesheet[^>]*\shref=["']?https?:/i);
  });

  it('renders offline: hydrated, with every operation listed in the sidebar', async () => {
    await page.goto(`${server!.baseUrl}/docs`);
    // The prerendered page says "Loading..." until Redoc hydrates; with a CDN script
    // (no --inlineBundle) it would never go away offline.
    await page.waitForFunction((source) => !new RegExp(source).test(document.body.innerText), LOADING.source, {
      timeout: 20_000,
    });
    await expect.poll(() => page.title()).toBe('BeatPass API');

    const listed = await allSidebarOperations(page);
    const summaries = operationSummaries();
    expect(summaries.length).toBeGreaterThan(0);
    for (const summary of ['List tracks', 'Get a track', 'Sign in with a session cookie', 'Create a developer token']) {
      expect(summaries).toContain(summary);
    }
    expect([...listed].sort()).toEqual([...summaries].sort());
  });

  it('shows the HTTP method and path of an operation clicked in the sidebar', async () => {
    await groupLinks(page)
      .filter({ has: page.getByText('Tracks', { exact: true }) })
      .click();
    await operationLinks(page)
      .filter({ has: page.getByText('Get a track', { exact: true }) })
      .click();
    await expect.poll(() => new URL(page.url()).hash).toMatch(/gettrack$/i);

    // (Its accessible name also holds a hidden "link to …" label, so match the text.)
    const heading = page.getByRole('heading', { level: 2 }).filter({ hasText: /^\s*Get a track\s*$/ });
    await heading.waitFor({ state: 'visible' });
    const inView = () =>
      heading.evaluate((el) => {
        const { top, bottom } = el.getBoundingClientRect();
        return top >= 0 && bottom <= window.innerHeight;
      });
    await expect.poll(inView).toBe(true);

    // The operation's own section: its heading plus the method/path in the request panel.
    const operation = page.locator('[data-item-kind="httpItem"]').filter({ has: heading });
    await expect.poll(() => operation.count()).toBe(1);
    const endpoint = operation.getByRole('button', { name: /get\s*\/api\/v1\/tracks\/\{track_id\}/i });
    await endpoint.first().waitFor({ state: 'visible' });
    expect(await operation.innerText()).toMatch(/GET\s*\/api\/v1\/tracks\/\{track_id\}/);

    if (process.env.DOCS_SCREENSHOT) await page.screenshot({ path: process.env.DOCS_SCREENSHOT });
  });

  it('leaves no "Loading…", threw no script errors and needed nothing but 127.0.0.1', async () => {
    expect(await page.getByText(LOADING).count()).toBe(0);
    expect(pageErrors).toEqual([]);
    // Only the "API docs by Redocly" logo image points at a CDN; it may fail harmlessly.
    expect(blocked.filter((request) => request.resourceType !== 'image')).toEqual([]);
  });
});
