import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../server/db/seed.js';
import { Agent } from '../../support/http.js';
import { startTestServer, type TestServer } from '../../support/server.js';

let server: TestServer;
// The real limits from the spec: login 5 a minute per email and IP, api 300 a minute.
beforeAll(async () => { server = await startTestServer({ rateLimits: { login: 5, api: 300 } }); });
afterAll(async () => { await server.close(); });

describe('rate limits', () => {
  it('allows 5 sign-in attempts a minute per email and IP, then answers 429 with Retry-After', async () => {
    const agent = new Agent(server.baseUrl);
    await agent.csrf();
    const attempt = (email: string) => agent.request('POST', '/login', { json: { email, password: 'wrong-password' }, xsrf: true });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt('listener@beatpass.test')).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422]);

    const limited = await attempt('listener@beatpass.test');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ message: 'Too Many Attempts.' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body.retry_after).toBe(retryAfter);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('5');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);

    // Even the right password is refused while limited; another email is counted apart.
    const right = await agent.request('POST', '/login', { json: { email: 'listener@beatpass.test', password: DEMO_PASSWORD }, xsrf: true });
    expect(right.status).toBe(429);
    expect((await attempt('producer@beatpass.test')).status).toBe(422);
  });

  it('sends X-RateLimit-* headers on ordinary responses', async () => {
    const reply = await new Agent(server.baseUrl).request('GET', '/api/v1/genres');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-ratelimit-limit')).toBe('300');
    expect(Number(reply.headers.get('x-ratelimit-remaining'))).toBeLessThan(300);
  });
});
