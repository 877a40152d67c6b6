// CORS for browser apps on other origins: which origins are allowed, what a preflight answers,
// and what an allowed response exposes. The browser side is test/browser/cross-origin.browser.test.ts.
import { describe, expect, it } from 'vitest';
import { LOCAL_ORIGINS, originMatcher } from '../../../server/http/cors.js';
import { loadConfig } from '../../../server/config.js';
import { useTestServer } from '../../support/fixture.js';

const t = useTestServer({ corsOrigins: ['http://localhost:*', 'https://*.example.com', 'https://app.beatpass.test'] });

describe('allowed origins', () => {
  it('matches exact origins, any port with :*, and subdomains with *.', () => {
    const local = originMatcher('http://localhost:*');
    expect(['http://localhost:5173', 'http://localhost', 'http://LOCALHOST:3000'].every(local)).toBe(true);
    expect(['https://localhost:5173', 'http://localhost.evil.com:5173', 'http://127.0.0.1:5173'].some(local)).toBe(false);
    const sub = originMatcher('https://*.example.com');
    expect(['https://app.example.com', 'https://a.b.example.com'].every(sub)).toBe(true);
    expect(['https://example.com', 'https://evilexample.com', 'http://app.example.com', 'https://app.example.com:8443'].some(sub)).toBe(false);
    expect(originMatcher('https://app.beatpass.test')('https://app.beatpass.test')).toBe(true);
  });

  it('defaults to every local dev server outside production, to none in production, and rejects what is no origin', () => {
    expect(loadConfig({}).corsOrigins).toEqual([...LOCAL_ORIGINS]);
    expect(loadConfig({ NODE_ENV: 'production' }).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: ' https://a.test , http://localhost:* ' }).corsOrigins).toEqual(['https://a.test', 'http://localhost:*']);
    expect(loadConfig({ CORS_ORIGINS: '' }).corsOrigins).toEqual([]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.test/path,*' })).toThrow(
      /CORS_ORIGINS: "https:\/\/a.test\/path" is not an origin[\s\S]*CORS_ORIGINS: "\*" is not an origin/,
    );
  });
});

describe('preflight and responses', () => {
  const preflight = (origin: string, path: string, method = 'POST', headers = 'content-type,x-xsrf-token') =>
    t.as.anonymous.request('OPTIONS', path, { headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers } });

  it("answers a preflight from an allowed origin with the path's methods and the headers a client sends", async () => {
    const reply = await preflight('http://localhost:5173', '/api/v1/playlists/12');
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(reply.headers.get('access-control-allow-credentials')).toBe('true');
    expect(reply.headers.get('access-control-allow-methods')).toBe('GET, PUT, DELETE, HEAD');
    const allowed = reply.headers.get('access-control-allow-headers')!.toLowerCase().split(', ');
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'authorization', 'x-xsrf-token', 'idempotency-key', 'range']));
    expect(reply.headers.get('vary')).toBe('Origin');
    const login = await preflight('https://app.example.com', '/login');
    expect([login.status, login.headers.get('access-control-allow-methods')]).toEqual([204, 'POST']);
  });

  it('gives an origin that is not allowed no CORS header at all', async () => {
    const reply = await preflight('https://evil.test', '/login');
    expect(reply.status).toBe(405);
    const get = await t.as.anonymous.request('GET', '/api/v1/genres', { headers: { origin: 'https://evil.test' } });
    expect(get.status).toBe(200);
    expect([...get.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect(get.headers.get('vary')).toBe('Origin');
  });

  it('lets an allowed origin read the rate-limit, retry and download headers', async () => {
    const reply = await t.as.anonymous.request('GET', '/api/v1/genres', { headers: { origin: 'https://app.beatpass.test' } });
    expect(reply.headers.get('access-control-allow-origin')).toBe('https://app.beatpass.test');
    const exposed = reply.headers.get('access-control-expose-headers')!.split(', ');
    expect(exposed).toEqual(
      expect.arrayContaining(['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After', 'Content-Range', 'Content-Disposition']),
    );
  });
});
