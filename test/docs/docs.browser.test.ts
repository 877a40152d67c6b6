// The API reference served at /docs, in a real browser: headless Debian Chromium
// (scripts/ensure-chromium.sh) that may reach only 127.0.0.1, against a sandbox whose PUBLIC_URL
// is its own address, as under `npm start`. The page renders every operation of the spec, shows
// the operation's TypeScript sample (x-codeSamples) and a curl sample, and its console sends
// requests to the sandbox and shows the answers: anonymous, with a developer token, and through
// the session flow (csrf-cookie, login, then an unsafe request whose X-XSRF-TOKEN the page sets
// from the cookie). All of it under the page's Content-Security-Policy, which it never breaks,
// and without a request outside the sandbox's origin.
// Set DOCS_SCREENSHOT=/tmp/docs.png to keep a screenshot of the last answer shown.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocs } from '../../scripts/build-docs.js';
import { DOCS_CONTENT_SECURITY_POLICY } from '../../server/http/docs-page.js';
import { blockExternalRequests, launchChromium, type BlockedRequest } from '../support/browser.js';
import { DEMO_PASSWORD } from '../../server/seed/seed.js';
import { freePort } from '../../server/infra/listen.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { namingSandbox } from '../../server/http/sandbox-url.js';

const TIMEOUT = 60_000;
const SPEC = fileURLToPath(new URL('../../generated/openapi.json', import.meta.url));
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/**
 * Scalar applies an edit of the request body after its event bus's 328 ms debounce
 * (@scalar/workspace-store), and Send does not flush it: a test that edits the body waits this
 * long, as a person does between typing and clicking.
 */
const BODY_EDIT_SETTLES_MS = 600;

/**
 * The one thing the policy refuses, on purpose: Zod (inside Scalar's bundle) probes once whether
 * it may compile validators with `new Function("")`, and without 'unsafe-eval' it validates
 * without them.
 */
const ZOD_EVAL_PROBE = 'script-src eval /docs/scalar.js';

interface Spec {
  paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], { operationId: string; 'x-codeSamples'?: { lang: string; source: string }[] }>>>;
}

const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as Spec;

/** Every operation of the bundled spec, as "METHOD /path". */
function specOperations(): string[] {
  return Object.entries(spec.paths).flatMap(([path, item]) => HTTP_METHODS.filter((method) => item[method]).map((method) => `${method.toUpperCase()} ${path}`));
}

/** The ids of the sidebar's items; an operation's ends with `/tag/<tag>/<METHOD>/<path>`. */
function sidebarIds(page: Page): Promise<string[]> {
  return page.$$eval('li[data-sidebar-id]', (items) => items.map((item) => (item as HTMLElement).dataset.sidebarId ?? ''));
}

/** The operations ("METHOD /path") of `operations` that no sidebar item lists. */
function unlisted(operations: string[], ids: string[]): string[] {
  return operations.filter((operation) => {
    const [method, path] = operation.split(' ');
    return !ids.some((id) => id.endsWith(`/${method}${path}`) && /\/tag\/[^/]+$/.test(id.slice(0, -`/${method}${path}`.length)));
  });
}

/** An operation's section in the reference, by its anchor (`tag/<tag>/<METHOD>/<path>`). */
function operationSection(page: Page, anchor: string) {
  return page.locator(`section[id$="/${anchor}"]`);
}

interface Answer {
  /** The status the sandbox answered with (the console shows it with its reason, "200 OK"; a bare 419 it leaves out). */
  status: number;
  /** Everything the console shows, the response body included. */
  shown: string;
  /** The request the page sent. */
  request: Request;
}

describe('API reference at /docs (browser)', { timeout: TIMEOUT }, () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let blocked: BlockedRequest[];
  const pageErrors: string[] = [];

  /** Opens the operation's console ("Test Request"), optionally edits it, sends, and reads the answer. */
  async function send(anchor: string, edit: { body?: unknown; token?: string } = {}): Promise<Answer> {
    await page.goto(`${server!.baseUrl}/docs#${anchor}`);
    await operationSection(page, anchor).getByRole('button', { name: 'Test Request' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    if (edit.token !== undefined) await dialog.getByPlaceholder('Token').fill(edit.token);
    if (edit.body !== undefined) {
      // The body editor is the one holding the example JSON (the header and query rows are editors too).
      await dialog
        .locator('.cm-content')
        .filter({ hasText: /^\s*\{/ })
        .click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.insertText(JSON.stringify(edit.body));
      await page.waitForTimeout(BODY_EDIT_SETTLES_MS);
    }
    const [method, ...path] = anchor.split('/').slice(2);
    const sent = page.waitForRequest((request) => request.method() === method && new URL(request.url()).pathname === `/${path.join('/')}`);
    await dialog.getByRole('button', { name: /^Send/ }).first().click();
    const request = await sent;
    const response = await request.response();
    // The answer is shown once the console reports how long it took.
    await expect.poll(async () => /Duration:/.test(await dialog.innerText())).toBe(true);
    const shown = await dialog.innerText();
    if (process.env.DOCS_SCREENSHOT) await page.screenshot({ path: process.env.DOCS_SCREENSHOT });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    return { status: response!.status(), shown, request };
  }

  beforeAll(async () => {
    // Always the page of the current spec, page script and renderer (the build takes about a second).
    await buildDocs();
    const port = await freePort();
    server = await startTestServer({ port, publicUrl: `http://127.0.0.1:${port}` });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    // Anything the policy refuses is recorded, so a page that only half works under it fails.
    await page.addInitScript(() => {
      const violations: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = violations;
      document.addEventListener('securitypolicyviolation', (event) =>
        violations.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile && new URL(event.sourceFile).pathname}`),
      );
    });
    blocked = await blockExternalRequests(page);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, TIMEOUT);

  it('is served under a Content-Security-Policy that keeps its scripts and requests to the sandbox, with the security headers', async () => {
    const res = await fetch(`${server!.baseUrl}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = res.headers.get('content-security-policy');
    expect(policy).toBe(DOCS_CONTENT_SECURITY_POLICY);
    const directives = new Map(policy!.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(policy).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');

    const html = await res.text();
    expect(html).toContain('<title>BeatPass API</title>');
    // The only inline <script> is the spec, as inert JSON; the code comes from this origin.
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]!);
    expect(scripts.filter((attributes) => !/\bsrc=/.test(attributes))).toEqual([' id="openapi" type="application/json"']);
    const sources = scripts.flatMap((attributes) => /\bsrc="([^"]+)"/.exec(attributes)?.[1] ?? []);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(source).toMatch(/^\/docs\//);
      const script = await fetch(`${server!.baseUrl}${source}`);
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(script.headers.get('x-content-type-options')).toBe('nosniff');
      await script.arrayBuffer();
    }
  });

  it("shows an operation's TypeScript sample, and a curl sample aimed at the sandbox", async () => {
    const anchor = 'tag/tracks/GET/api/v1/tracks/{track_id}';
    await page.goto(`${server!.baseUrl}/docs#${anchor}`);
    const section = operationSection(page, anchor);
    await section.waitFor();
    const sample = spec.paths['/api/v1/tracks/{track_id}']!.get!['x-codeSamples']![0]!;
    expect(sample.lang).toBe('TypeScript');
    const picker = section.getByRole('button', { name: /TypeScript client/ });
    await picker.waitFor();
    // Every line of the sample, as the code block shows it.
    await expect.poll(() => section.innerText()).toContain("api.GET('/api/v1/tracks/{track_id}'");
    const shown = await section.innerText();
    // As served: calling this sandbox.
    const served = namingSandbox(sample.source, server!.baseUrl);
    for (const line of served.split('\n').filter((l) => l.trim() !== '')) expect(shown).toContain(line.trim());

    await picker.click();
    await page.getByRole('option', { name: 'Curl', exact: true }).click();
    await expect.poll(() => section.innerText()).toMatch(new RegExp(`curl[\\s\\S]*${server!.baseUrl}/api/v1/tracks/`));
  });

  it('sends an anonymous request from the page and shows the answer', async () => {
    const answer = await send('tag/tracks/GET/api/v1/tracks');
    expect(answer.status).toBe(200);
    expect(answer.shown).toContain('200 OK');
    expect(answer.request.url()).toMatch(new RegExp(`^${server!.baseUrl}/api/v1/tracks`));
    // The console leaves out the empty token field rather than send a bare "Bearer" (a 401).
    expect(answer.request.headers().authorization).toBeUndefined();
    expect(answer.shown).toContain('"data"');
    expect(answer.shown).toContain('"current_page"');
  });

  it('signs in through the session flow and sends an unsafe request, the page adding X-XSRF-TOKEN from the cookie', async () => {
    const cookie = await send('tag/authentication/GET/sanctum/csrf-cookie');
    expect(cookie.status).toBe(204);
    expect(cookie.shown).toContain('204 No Content');
    const login = await send('tag/authentication/POST/login', { body: { email: 'listener@beatpass.test', password: DEMO_PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.shown).toContain('"username": "listener"');

    const created = await send('tag/playlists/POST/api/v1/playlists', { body: { name: 'Made in the docs' } });
    expect(created.status).toBe(200);
    expect(created.shown).toContain('200 OK');
    expect(created.shown).toContain('"name": "Made in the docs"');
    const xsrfCookie = (await page.context().cookies()).find((cookie) => cookie.name === 'XSRF-TOKEN');
    expect(xsrfCookie).toBeDefined();
    expect(created.request.headers()['x-xsrf-token']).toBe(decodeURIComponent(xsrfCookie!.value));
    expect(created.request.headers().authorization).toBeUndefined();
  });

  it('sends a request with a developer token typed into the console', async () => {
    const login = await fetch(`${server!.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'developer@beatpass.test', password: DEMO_PASSWORD, token_name: 'docs console' }),
    });
    expect(login.status).toBe(200);
    const token = ((await login.json()) as { user: { access_token: string } }).user.access_token;

    const answer = await send('tag/developer-tokens/GET/api/v1/developer-tokens', { token });
    expect(answer.request.headers().authorization).toBe(`Bearer ${token}`);
    expect(answer.status).toBe(200);
    expect(answer.shown).toContain('200 OK');
    // The developer's own tokens: the console's token, not the listener's session (still signed in), made this call.
    expect(answer.shown).toContain('docs console');
  });

  it('lists every operation of the spec in the sidebar', async () => {
    await page.goto(`${server!.baseUrl}/docs`);
    await page.locator('li[data-sidebar-id]').first().waitFor();
    // The tags start collapsed; open them all at once (one at a time, each re-renders the page).
    await page.$$eval('li[data-sidebar-id] > div > button[aria-expanded="false"]', (buttons) => {
      for (const button of buttons) if (/\/tag\/[^/]+$/.test(button.closest('li')?.dataset.sidebarId ?? '')) (button as HTMLButtonElement).click();
    });
    const operations = specOperations();
    expect(operations.length).toBeGreaterThan(80);
    await expect.poll(async () => unlisted(operations, await sidebarIds(page)), { timeout: 20_000 }).toEqual([]);
  });

  it('loaded nothing from outside the sandbox, broke no rule of its policy and threw no script error', async () => {
    expect(blocked).toEqual([]);
    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect(violations.filter((violation) => violation !== ZOD_EVAL_PROBE)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
