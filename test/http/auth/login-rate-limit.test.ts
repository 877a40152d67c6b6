import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../server/seed/seed.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';

// The real limits from the spec: login 5 a minute per email and IP, api 300 a minute.
const t = useTestServer({ rateLimits: { login: 5, api: 300 } });

describe('rate limits', () => {
  it('allows 5 sign-in attempts a minute per email and IP, then answers 429 with Retry-After', async () => {
    const agent = t.server.agent();
    await agent.call('getCsrfCookie');
    const attempt = (email: string) => agent.call('login', { body: { email, password: 'wrong-password' } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt('listener@beatpass.test')).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422]);

    const limited = await attempt('listener@beatpass.test');
    expectStatus(limited, 429);
    expect(limited.body).toMatchObject({ message: 'Too Many Attempts.' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body.retry_after).toBe(retryAfter);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('5');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);

    // Even the right password is refused while limited; another email is counted apart.
    const right = await agent.call('login', { body: { email: 'listener@beatpass.test', password: DEMO_PASSWORD } });
    expect(right.status).toBe(429);
    expect((await attempt('producer@beatpass.test')).status).toBe(422);
  });

  it('sends X-RateLimit-* headers on ordinary responses', async () => {
    const reply = await t.as.anonymous.call('listGenres');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-ratelimit-limit')).toBe('300');
    expect(Number(reply.headers.get('x-ratelimit-remaining'))).toBeLessThan(300);
  });
});

describe('sign-ins per address', () => {
  const perAddress = useTestServer({ rateLimits: { 'login-address': 8 } });

  it('refuses one IP address trying many accounts once it reaches the per-address ceiling', async () => {
    const agent = perAddress.server.agent();
    await agent.call('getCsrfCookie');
    const statuses = [];
    for (let i = 0; i < 9; i++) {
      statuses.push((await agent.call('login', { body: { email: `guess${i}@beatpass.test`, password: 'wrong-password' } })).status);
    }
    expect(statuses).toEqual([...Array(8).fill(422), 429]);

    const limited = await perAddress.server.agent().call('loginWithToken', {
      body: { email: 'developer@beatpass.test', password: DEMO_PASSWORD, token_name: 'cli' },
    });
    expectStatus(limited, 429);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('8');
  });
});
