// Redis goes away under two running instances (through a proxy the test controls; the
// shared server is never touched). Rate limits are the only thing kept in Redis, so requests
// keep being served: each instance falls back to counting in its own memory (logged), never
// answers 500, never waits on Redis past its command timeout, and shares counters again once
// Redis is back. /ready reports the outage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { REDIS_PROBE_INTERVAL_MS } from '../../server/http/rate-limit.js';
import { Agent } from '../support/http.js';
import { createScratchDatabase } from '../support/postgres.js';
import { startInstance, type Instance } from './support/instance.js';
import { REDIS_URL, deleteKeys, hostAndPort, servicesAvailable, uniqueKeyPrefix } from './support/services.js';
import { TcpProxy } from './support/tcp-proxy.js';

const available = await servicesAvailable();

const LOGIN_LIMIT = 3;
/** Command timeout 300 ms; anything slower means a request waited on Redis. */
const ANSWER_WITHIN_MS = 1_500;

describe.runIf(available)('Redis outage under two running instances', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let proxy: TcpProxy;
  let a: Instance;
  let b: Instance;
  let redis: Redis;
  const keyPrefix = uniqueKeyPrefix();
  let round = 0;

  /** One failed sign-in for `email`, timed. */
  const attempt = async (instance: Instance, email: string) => {
    const started = Date.now();
    const reply = await new Agent(instance.baseUrl).request('POST', '/api/v1/auth/login', {
      json: { email, password: 'wrong-password', token_name: 'x' },
    });
    return { status: reply.status, ms: Date.now() - started };
  };

  const waitForReady = async (instance: Instance) => {
    const deadline = Date.now() + 15_000;
    while ((await new Agent(instance.baseUrl).request('GET', '/ready')).status !== 200) {
      if (Date.now() > deadline) throw new Error('Redis did not come back within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    proxy = await new TcpProxy(hostAndPort(REDIS_URL, 6379)).listen();
    const options = { databaseUrl: scratch.url, redisUrl: proxy.url(REDIS_URL), keyPrefix, rateLimits: { login: LOGIN_LIMIT } };
    a = await startInstance(options);
    b = await startInstance(options);
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  });

  afterAll(async () => {
    proxy?.restore();
    await Promise.all([a?.close(), b?.close()]);
    await proxy?.close();
    redis?.disconnect();
    await scratch?.drop();
    await deleteKeys(keyPrefix);
  });

  for (const mode of ['reset', 'blackhole'] as const) {
    it(`keeps serving with per-instance limits while Redis is ${mode === 'reset' ? 'refusing connections' : 'silent'}, and shares them again after`, async () => {
      const email = `redis-${mode}-${++round}@beatpass.test`;
      // Shared while Redis is up: two attempts on each instance exhaust the limit of three.
      expect((await attempt(a, email)).status).toBe(422);
      expect((await attempt(b, email)).status).toBe(422);
      expect((await attempt(a, email)).status).toBe(422);
      expect((await attempt(b, email)).status).toBe(429);

      proxy.cut(mode);
      const ready = await new Agent(a.baseUrl).request('GET', '/ready');
      expect(ready.status).toBe(503);

      // Each instance now counts on its own, from zero: three attempts pass, the fourth is refused.
      const during = `${email}.during`;
      for (const instance of [a, b]) {
        const results = [];
        for (let i = 0; i <= LOGIN_LIMIT; i++) results.push(await attempt(instance, during));
        expect(results.map((r) => r.status)).toEqual([422, 422, 422, 429]);
        for (const r of results) expect(r.ms).toBeLessThan(ANSWER_WITHIN_MS);
      }
      // Reads are served too.
      const tracks = await new Agent(b.baseUrl).request('GET', '/api/v1/tracks');
      expect(tracks.status).toBe(200);

      proxy.restore();
      await waitForReady(a);
      await waitForReady(b);
      // A silent Redis that comes back does not reconnect: each instance tries it again at most
      // once per probe interval.
      await new Promise((resolve) => setTimeout(resolve, REDIS_PROBE_INTERVAL_MS + 100));
      // Counters live in Redis again: the instances see each other's attempts, and Redis holds them.
      const after = `${email}.after`;
      const statuses = [];
      for (const instance of [a, b, a, b]) statuses.push((await attempt(instance, after)).status);
      expect(statuses).toEqual([422, 422, 422, 429]);
      const keys = await redis.keys(`${keyPrefix}:login:${after}*`);
      expect(keys.length).toBe(1);
    });
  }
});
