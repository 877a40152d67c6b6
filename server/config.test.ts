import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to the embedded database in ./data on port 3000 with response validation on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, database: { kind: 'pglite', dataDir: './data' }, validateResponses: true, seedDemoData: true });
  });

  it('switches to PostgreSQL for a postgres:// DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/beatpass', DB_POOL_SIZE: '20' });
    expect(config.database).toEqual({
      kind: 'postgres', url: 'postgres://u@db:5432/beatpass', poolSize: 20,
      connectTimeoutMs: 5_000, queryTimeoutMs: 10_000, startupTimeoutMs: 60_000,
    });
  });

  it('reads the PostgreSQL timeouts, REDIS_URL, rate-limit overrides and the shutdown deadline', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://u@db/beatpass', DB_CONNECT_TIMEOUT_MS: '250', DB_QUERY_TIMEOUT_MS: '2000', DB_STARTUP_TIMEOUT_MS: '0',
      REDIS_URL: 'redis://cache:6379/0', REDIS_COMMAND_TIMEOUT_MS: '200', RATE_LIMIT_API: '5000', RATE_LIMIT_TWO_FACTOR: '3',
      SHUTDOWN_TIMEOUT_MS: '3000',
    });
    expect(config.database).toMatchObject({ connectTimeoutMs: 250, queryTimeoutMs: 2000, startupTimeoutMs: 0 });
    expect(config.redis).toEqual({ url: 'redis://cache:6379/0', commandTimeoutMs: 200 });
    expect(config.rateLimits).toEqual({ api: 5000, 'two-factor': 3 });
    expect(config.shutdownTimeoutMs).toBe(3000);
  });

  it('keeps rate limits in memory without REDIS_URL and shuts down within 10 s by default', () => {
    const config = loadConfig({});
    expect(config.redis).toBeNull();
    expect(config.rateLimits).toEqual({});
    expect(config.shutdownTimeoutMs).toBe(10_000);
  });

  it('turns response validation and demo data off in production unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ validateResponses: false, seedDemoData: false, secureCookies: true });
    expect(loadConfig({ NODE_ENV: 'production', VALIDATE_RESPONSES: 'true' }).validateResponses).toBe(true);
  });

  it('reports every invalid variable at once, by name', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty', DATABASE_URL: 'mysql://x', VALIDATE_RESPONSES: 'maybe', LOG_LEVEL: 'loud',
        REDIS_URL: 'http://cache', SHUTDOWN_TIMEOUT_MS: '-1', RATE_LIMIT_LOGIN: 'lots',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'VALIDATE_RESPONSES', 'LOG_LEVEL', 'REDIS_URL', 'SHUTDOWN_TIMEOUT_MS', 'RATE_LIMIT_LOGIN']) {
      expect(message).toContain(name);
    }
  });
});
