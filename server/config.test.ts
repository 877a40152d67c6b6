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
      kind: 'postgres',
      url: 'postgres://u@db:5432/beatpass',
      poolSize: 20,
      connectTimeoutMs: 5_000,
      queryTimeoutMs: 10_000,
      startupTimeoutMs: 60_000,
    });
  });

  it('reads the PostgreSQL timeouts, REDIS_URL, rate-limit overrides and the shutdown deadline', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://u@db/beatpass',
      DB_CONNECT_TIMEOUT_MS: '250',
      DB_QUERY_TIMEOUT_MS: '2000',
      DB_STARTUP_TIMEOUT_MS: '0',
      REDIS_URL: 'redis://cache:6379/0',
      REDIS_COMMAND_TIMEOUT_MS: '200',
      RATE_LIMIT_API: '5000',
      RATE_LIMIT_TWO_FACTOR: '3',
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

  it('keeps 2 GiB of uploads per account and unpublished uploads for 24 hours unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ uploadQuotaBytes: 2 * 1024 ** 3, uploadExpiryMs: 24 * 3_600_000 });
    expect(loadConfig({ UPLOAD_QUOTA_MB: '500', UPLOAD_EXPIRY_HOURS: '2' })).toMatchObject({ uploadQuotaBytes: 500 * 1024 ** 2, uploadExpiryMs: 7_200_000 });
    expect(() => loadConfig({ UPLOAD_QUOTA_MB: '0', UPLOAD_EXPIRY_HOURS: 'soon' })).toThrow(/UPLOAD_QUOTA_MB.*\n.*UPLOAD_EXPIRY_HOURS/);
  });

  it('turns response validation and demo data off in production unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ validateResponses: false, seedDemoData: false, secureCookies: true });
    expect(loadConfig({ NODE_ENV: 'production', VALIDATE_RESPONSES: 'true' }).validateResponses).toBe(true);
  });

  it('reports every invalid variable at once, by name', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        VALIDATE_RESPONSES: 'maybe',
        LOG_LEVEL: 'loud',
        REDIS_URL: 'http://cache',
        SHUTDOWN_TIMEOUT_MS: '-1',
        RATE_LIMIT_LOGIN: 'lots',
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

  it('turns the Spotify lookups on with both credentials, with overridable base URLs and timeout', () => {
    expect(loadConfig({}).spotify).toBeNull();
    expect(loadConfig({ SPOTIFY_CLIENT_ID: 'id', SPOTIFY_CLIENT_SECRET: 'secret' }).spotify).toEqual({
      clientId: 'id',
      clientSecret: 'secret',
      apiUrl: 'https://api.spotify.com/v1',
      accountsUrl: 'https://accounts.spotify.com',
      timeoutMs: 5_000,
    });
    const local = loadConfig({
      SPOTIFY_CLIENT_ID: 'id',
      SPOTIFY_CLIENT_SECRET: 'secret',
      SPOTIFY_API_URL: 'http://127.0.0.1:9999/v1/',
      SPOTIFY_ACCOUNTS_URL: 'http://127.0.0.1:9999',
      SPOTIFY_TIMEOUT_MS: '250',
    });
    expect(local.spotify).toMatchObject({ apiUrl: 'http://127.0.0.1:9999/v1', accountsUrl: 'http://127.0.0.1:9999', timeoutMs: 250 });
  });

  it('rejects a Spotify client ID without its secret, base URLs that are not http(s) and an out-of-range timeout', () => {
    expect(() => loadConfig({ SPOTIFY_CLIENT_ID: 'id' })).toThrow(/SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET must be set together/);
    expect(() => loadConfig({ SPOTIFY_CLIENT_SECRET: 'secret' })).toThrow(ConfigError);
    let message = '';
    try {
      loadConfig({ SPOTIFY_API_URL: 'ftp://spotify', SPOTIFY_ACCOUNTS_URL: 'not a url', SPOTIFY_TIMEOUT_MS: '5' });
    } catch (err) {
      message = (err as Error).message;
    }
    for (const name of ['SPOTIFY_API_URL', 'SPOTIFY_ACCOUNTS_URL', 'SPOTIFY_TIMEOUT_MS']) expect(message).toContain(name);
  });

  it('derives the public URL from HOST and PORT unless PUBLIC_URL says where clients reach the server', () => {
    expect(loadConfig({}).publicUrl(3000)).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl(8080)).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ HOST: '::1' }).publicUrl(3000)).toBe('http://[::1]:3000');
    // PORT=0: the port the system picked.
    expect(loadConfig({ PORT: '0' }).publicUrl(41234)).toBe('http://127.0.0.1:41234');
    expect(loadConfig({ PUBLIC_URL: 'https://sandbox.example.org/' }).publicUrl(3000)).toBe('https://sandbox.example.org');
    expect(() => loadConfig({ PUBLIC_URL: 'sandbox.example.org' })).toThrow(ConfigError);
  });
});
