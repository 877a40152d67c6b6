import { describe, expect, it } from 'vitest';
import { empty, fakeFetch, json, scripted } from '../test/client/fake-fetch.js';
import { BeatPassError, createBeatPassClient, unwrap } from './index.js';
import { createRetryFetch, retryAfterMs } from './retry-fetch.js';

const BASE = 'http://api.test';
const tooMany = (retryAfter: string) => json(429, { message: 'Too Many Attempts.', retry_after: Number(retryAfter) || 0 }, { 'Retry-After': retryAfter });
const unavailable = () => json(503, { message: 'Service Unavailable' });
const genresPage = { status: 'success', pagination: { current_page: 1, last_page: 1, data: [] } };

function setup(...steps: Parameters<typeof scripted>) {
  const fake = fakeFetch(scripted(...steps));
  const sleeps: number[] = [];
  const client = createBeatPassClient({
    baseUrl: BASE,
    fetch: fake.fetch,
    retry: { jitter: false, sleep: async (ms) => void sleeps.push(ms), now: () => Date.parse('2026-03-01T12:00:00Z') },
  });
  return { client, sent: fake.sent, sleeps };
}

describe('retry beneath the client', () => {
  it('retries a GET after 429, waiting the Retry-After seconds', async () => {
    const { client, sent, sleeps } = setup(tooMany('2'), json(200, genresPage));
    const result = await client.GET('/api/v1/genres');
    expect(result.response.status).toBe(200);
    expect(result.data).toEqual(genresPage);
    expect(sleeps).toEqual([2000]);
    expect(sent.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['GET /api/v1/genres', 'GET /api/v1/genres']);
  });

  it('accepts Retry-After as an HTTP date', async () => {
    const { client, sleeps } = setup(tooMany('Sun, 01 Mar 2026 12:00:03 GMT'), json(200, genresPage));
    const result = await client.GET('/api/v1/genres');
    expect(result.response.status).toBe(200);
    expect(sleeps).toEqual([3000]);
  });

  it('gives up after maxAttempts and hands back the last answer', async () => {
    const { client, sent, sleeps } = setup(tooMany('1'), tooMany('1'), tooMany('1'), json(200, genresPage));
    const result = await client.GET('/api/v1/genres');
    expect(sent).toHaveLength(3);
    expect(sleeps).toEqual([1000, 1000]);
    expect(result.response.status).toBe(429);
    expect(result.error).toEqual({ message: 'Too Many Attempts.', retry_after: 1 });
    expect(() => unwrap(result)).toThrow(BeatPassError);
  });

  it('retries 503 with exponential backoff when there is no Retry-After', async () => {
    const { client, sent, sleeps } = setup(unavailable(), unavailable(), json(200, genresPage));
    const result = await client.GET('/api/v1/genres');
    expect(sent).toHaveLength(3);
    expect(sleeps).toEqual([200, 400]);
    expect(result.response.status).toBe(200);
    expect(result.data).toEqual(genresPage);
  });

  it('retries a GET after a network error', async () => {
    const { client, sent, sleeps } = setup(new TypeError('fetch failed'), json(200, genresPage));
    const result = await client.GET('/api/v1/genres');
    expect(sent).toHaveLength(2);
    expect(sleeps).toEqual([200]);
    expect(result.data).toEqual(genresPage);
  });

  it('rethrows the network error once attempts run out', async () => {
    const { client, sent } = setup(new TypeError('fetch failed'), new TypeError('fetch failed'), new TypeError('fetch failed'));
    await expect(client.GET('/api/v1/genres')).rejects.toThrow('fetch failed');
    expect(sent).toHaveLength(3);
  });

  it('never retries a POST, whatever the status', async () => {
    const { client, sent, sleeps } = setup(tooMany('1'), json(200, {}));
    const result = await client.POST('/api/v1/auth/login', {
      body: { email: 'listener@beatpass.test', password: 'pw', token_name: 'My phone' },
    });
    expect(sent).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(result.response.status).toBe(429);
    expect(result.error).toEqual({ message: 'Too Many Attempts.', retry_after: 1 });
  });

  it('never retries a POST after a network error', async () => {
    const { client, sent } = setup(new TypeError('fetch failed'), json(200, {}));
    await expect(client.POST('/api/v1/auth/login', { body: { email: 'a@b.test', password: 'pw', token_name: 'abc' } })).rejects.toThrow('fetch failed');
    expect(sent).toHaveLength(1);
  });

  it('does not wait for a Retry-After longer than maxDelayMs', async () => {
    const { client, sent, sleeps } = setup(tooMany('42'), json(200, genresPage));
    const result = await client.GET('/api/v1/genres');
    expect(sent).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(result.response.status).toBe(429);
    expect(result.response.headers.get('Retry-After')).toBe('42');
    expect(result.error).toEqual({ message: 'Too Many Attempts.', retry_after: 42 });
  });

  it('does not retry other errors', async () => {
    const { client, sent } = setup(json(500, { message: 'Server Error' }), json(200, genresPage));
    const result = await client.GET('/api/v1/genres');
    expect(sent).toHaveLength(1);
    expect(result.response.status).toBe(500);
    expect(result.error).toEqual({ message: 'Server Error' });
  });
});

describe('createRetryFetch', () => {
  it('resends a PUT body intact on every attempt', async () => {
    const fake = fakeFetch(scripted(empty(503), empty(503), json(200, { ok: true })));
    const retrying = createRetryFetch(fake.fetch, { sleep: async () => {} });
    const response = await retrying(new Request(`${BASE}/things/1`, { method: 'PUT', body: '{"name":"x"}', headers: { 'Content-Type': 'application/json' } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(fake.sent.map((r) => r.body)).toEqual(['{"name":"x"}', '{"name":"x"}', '{"name":"x"}']);
  });

  it('never retries a PATCH', async () => {
    const fake = fakeFetch(scripted(empty(503), json(200, {})));
    const retrying = createRetryFetch(fake.fetch, { sleep: async () => {} });
    const response = await retrying(new Request(`${BASE}/things/1`, { method: 'PATCH', body: '{}' }));
    expect(response.status).toBe(503);
    expect(fake.sent).toHaveLength(1);
  });

  it('spreads backoff over [delay/2, delay] with jitter', async () => {
    const delays: number[] = [];
    const fake = fakeFetch(scripted(empty(503), empty(503), empty(503)));
    const retrying = createRetryFetch(fake.fetch, { sleep: async (ms) => void delays.push(ms) });
    expect((await retrying(new Request(`${BASE}/x`))).status).toBe(503);
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(100);
    expect(delays[0]).toBeLessThanOrEqual(200);
    expect(delays[1]).toBeGreaterThanOrEqual(200);
    expect(delays[1]).toBeLessThanOrEqual(400);
  });

  it('caps the backoff at maxDelayMs', async () => {
    const delays: number[] = [];
    const fake = fakeFetch(scripted(empty(503), empty(503), empty(503), empty(503), empty(200)));
    const retrying = createRetryFetch(fake.fetch, {
      maxAttempts: 5,
      baseDelayMs: 300,
      maxDelayMs: 1000,
      jitter: false,
      sleep: async (ms) => void delays.push(ms),
    });
    expect((await retrying(new Request(`${BASE}/x`))).status).toBe(200);
    expect(delays).toEqual([300, 600, 1000, 1000]);
  });

  it('stops when the request is aborted', async () => {
    const controller = new AbortController();
    const fake = fakeFetch(() => {
      controller.abort();
      throw new DOMException('aborted', 'AbortError');
    });
    const retrying = createRetryFetch(fake.fetch, { sleep: async () => {} });
    await expect(retrying(new Request(`${BASE}/x`, { signal: controller.signal }))).rejects.toThrow('aborted');
    expect(fake.sent).toHaveLength(1);
  });
});

// README.md ("With the typed client") states this policy; these pin each part of it.
describe('the retry policy as the README states it', () => {
  const attemptsFor = async (method: string, status: number): Promise<number> => {
    const fake = fakeFetch(scripted(empty(status), empty(status), empty(status)));
    const retrying = createRetryFetch(fake.fetch, { sleep: async () => {} });
    await retrying(new Request(`${BASE}/x`, { method, body: method === 'GET' || method === 'HEAD' ? null : '{}' }));
    return fake.sent.length;
  };

  it.each(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])('repeats a %s up to 3 attempts in all', async (method) => {
    expect(await attemptsFor(method, 503)).toBe(3);
  });

  it.each(['POST', 'PATCH'])('sends a %s once', async (method) => {
    expect(await attemptsFor(method, 503)).toBe(1);
  });

  it.each([
    [429, 3],
    [503, 3],
    [408, 1],
    [500, 1],
    [502, 1],
    [504, 1],
  ])('on %i makes %i attempts', async (status, attempts) => {
    expect(await attemptsFor('GET', status)).toBe(attempts);
  });

  it.each([
    ['10', [10_000]],
    ['11', []],
  ])('waits a Retry-After of %s s only up to the 10 s default', async (retryAfter, waits) => {
    const sleeps: number[] = [];
    const fake = fakeFetch(scripted(empty(429, [['Retry-After', retryAfter]]), empty(200)));
    const retrying = createRetryFetch(fake.fetch, { sleep: async (ms) => void sleeps.push(ms) });
    await retrying(new Request(`${BASE}/x`));
    expect(sleeps).toEqual(waits);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it.each([
    ['5', 5000],
    [' 0 ', 0],
    ['Sun, 01 Mar 2026 12:00:10 GMT', 10_000],
    ['Sun, 01 Mar 2026 11:59:00 GMT', 0],
  ])('reads %j as %i ms', (header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });

  it.each([null, 'soon', '-3', '1.5'])('ignores %j', (header) => {
    expect(retryAfterMs(header, now)).toBeUndefined();
  });
});
