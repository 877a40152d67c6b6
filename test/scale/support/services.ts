// PostgreSQL and Redis for the scale-out tests: both run on every machine here and in CI.
// Outside CI a missing service skips the tests with a message; under CI=true it fails them.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { postgresAvailable } from '../../support/postgres.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

export async function redisAvailable(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`Redis must answer at ${REDIS_URL} under CI`);
    console.warn(`Skipping scale-out tests that need Redis: nothing answers at ${REDIS_URL}`);
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Both services answer (each check prints its own skip message). */
export async function servicesAvailable(): Promise<boolean> {
  const [postgres, redis] = await Promise.all([postgresAvailable(), redisAvailable()]);
  return postgres && redis;
}

/** A Redis key prefix of its own for each test file run, so parallel files never share counters. */
export function uniqueKeyPrefix(): string {
  return `beatpass-test:${randomBytes(6).toString('hex')}:rl`;
}

/** Deletes every key under `prefix` (keys expire with their window anyway). */
export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
  redis.on('error', () => {});
  try {
    const stream = redis.scanStream({ match: `${prefix}*`, count: 200 });
    for await (const keys of stream as AsyncIterable<string[]>) if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

export function hostAndPort(url: string, defaultPort: number): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname || '127.0.0.1', port: Number(u.port || defaultPort) };
}
