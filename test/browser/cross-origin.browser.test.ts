// A frontend on another origin (a dev server on 127.0.0.1:<port>) calls the sandbox from a
// real browser, as a Vite app would: the anonymous list, the Sanctum-style session flow
// (csrf-cookie, login, users/me, writes with X-XSRF-TOKEN: a playlist, a follow found by
// search, a library save) and a bearer call all work
// under the default CORS origins, and the same calls are blocked from an origin that is not
// allowed. Headless Debian Chromium (scripts/ensure-chromium.sh).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/seed.js';
import { launchChromium } from '../support/browser.js';
import { useTestServer } from '../support/fixture.js';

const sandbox = useTestServer();
const closedSandbox = useTestServer({ corsOrigins: ['https://app.example.com'] });

let browser: Browser;
let frontend: Server;
let frontendUrl: string;

beforeAll(async () => {
  browser = await launchChromium();
  // The frontend's dev server: one empty page, on its own port (so its own origin).
  frontend = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end('<!doctype html><title>frontend</title>');
  }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => frontend.once('listening', resolve));
  frontendUrl = `http://127.0.0.1:${(frontend.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => frontend?.close(resolve));
});

async function frontendPage(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(frontendUrl);
  return page;
}

interface Outcome {
  status?: number;
  blocked?: string;
  body?: unknown;
  rateLimit?: string | null;
}

/** What the page's own code gets from the sandbox: the calls a frontend makes on first load. */
function runFrontendFlow(page: Page, api: string): Promise<Record<string, Outcome>> {
  return page.evaluate(
    async ({ api, password }) => {
      const outcomes: Record<string, Outcome> = {};
      const xsrf = () => decodeURIComponent(/(?:^|; )XSRF-TOKEN=([^;]*)/.exec(document.cookie)?.[1] ?? '');
      async function call(name: string, path: string, init: RequestInit = {}) {
        try {
          const reply = await fetch(api + path, { credentials: 'include', ...init, headers: { Accept: 'application/json', ...init.headers } });
          const text = await reply.text();
          outcomes[name] = { status: reply.status, body: text ? JSON.parse(text) : undefined, rateLimit: reply.headers.get('X-RateLimit-Limit') };
        } catch (err) {
          outcomes[name] = { blocked: String(err) };
        }
      }
      const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      await call('anonymousList', '/api/v1/tracks?per_page=2', { credentials: 'omit' });
      await call('csrfCookie', '/sanctum/csrf-cookie');
      await call('login', '/login', json({ email: 'listener@beatpass.test', password }, { 'X-XSRF-TOKEN': xsrf() }));
      await call('me', '/api/v1/users/me');
      await call('write', '/api/v1/playlists', json({ name: 'From the frontend' }, { 'X-XSRF-TOKEN': xsrf() }));
      // The social features as a page uses them: find someone by a partial name, follow them,
      // save a track from the list to the library.
      await call('search', '/api/v1/search?query=nightow');
      const found = (outcomes.search?.body as { results?: { users?: { id: number }[] } } | undefined)?.results?.users?.[0]?.id ?? 0;
      await call('follow', `/api/v1/users/${found}/follow`, json({}, { 'X-XSRF-TOKEN': xsrf() }));
      const trackId = (outcomes.anonymousList?.body as { pagination?: { data?: { id: number }[] } } | undefined)?.pagination?.data?.[0]?.id ?? 0;
      await call(
        'library',
        '/api/v1/users/me/add-to-library',
        json({ likeables: [{ likeable_id: trackId, likeable_type: 'track' }] }, { 'X-XSRF-TOKEN': xsrf() }),
      );
      await call('token', '/api/v1/auth/login', { ...json({ email: 'developer@beatpass.test', password, token_name: 'frontend' }), credentials: 'omit' });
      const token = (outcomes.token?.body as { user?: { access_token?: string } } | undefined)?.user?.access_token ?? 'none';
      await call('bearer', '/api/v1/users/me', { credentials: 'omit', headers: { Authorization: `Bearer ${token}` } });
      return outcomes;
    },
    { api, password: DEMO_PASSWORD },
  );
}

describe('a frontend on another origin', () => {
  it('calls the sandbox anonymously, with a session and XSRF, and with a bearer token', async () => {
    const page = await frontendPage();
    const outcomes = await runFrontendFlow(page, sandbox.server.baseUrl);
    expect(outcomes.anonymousList).toMatchObject({ status: 200, rateLimit: expect.any(String) });
    expect(outcomes.csrfCookie?.status).toBe(204);
    expect(outcomes.login).toMatchObject({ status: 200 });
    expect(outcomes.me).toMatchObject({ status: 200, body: { user: { email: 'listener@beatpass.test' } } });
    expect(outcomes.write).toMatchObject({ status: 200, body: { playlist: { name: 'From the frontend' } } });
    expect(outcomes.search).toMatchObject({ status: 200, body: { results: { users: [{ username: 'nightowl' }] } } });
    expect(outcomes.follow?.status).toBe(200);
    expect(outcomes.library).toMatchObject({ status: 200, body: { added_count: 1 } });
    expect(outcomes.token?.status).toBe(200);
    expect(outcomes.bearer).toMatchObject({ status: 200, body: { user: { email: 'developer@beatpass.test' } } });
  });

  it('is blocked by the browser when its origin is not allowed', async () => {
    const page = await frontendPage();
    const outcomes = await runFrontendFlow(page, closedSandbox.server.baseUrl);
    for (const [name, outcome] of Object.entries(outcomes)) {
      expect(outcome.blocked, name).toMatch(/Failed to fetch/);
    }
  });
});
