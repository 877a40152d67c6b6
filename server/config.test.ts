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
  it('uses the local payment provider, a 12% + 3.00 fee with no waivers and purchases on by default', () => {
    expect(loadConfig({}).commerce).toEqual({
      stripe: null,
      feePolicy: { rateBps: 1200, flatMinor: 300, waivedPlans: new Map() },
      purchasesEnabled: true,
    });
  });

  it('switches to Stripe with both secrets, optionally at another API address', () => {
    const keys = { STRIPE_SECRET_KEY: 'sk_test_51AbCdEf123', STRIPE_WEBHOOK_SECRET: 'whsec_Zm9vYmFy' };
    expect(loadConfig(keys).commerce.stripe).toEqual({ secretKey: 'sk_test_51AbCdEf123', webhookSecret: 'whsec_Zm9vYmFy', apiUrl: undefined });
    expect(loadConfig({ ...keys, STRIPE_API_URL: 'http://127.0.0.1:12111/' }).commerce.stripe?.apiUrl).toBe('http://127.0.0.1:12111');
    expect(loadConfig({ ...keys, STRIPE_SECRET_KEY: 'rk_live_51Restricted' }).commerce.stripe?.secretKey).toBe('rk_live_51Restricted');
  });

  it('rejects one Stripe secret without the other, and an API address without either', () => {
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'sk_test_51AbCdEf123' })).toThrow(/STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together/);
    expect(() => loadConfig({ STRIPE_WEBHOOK_SECRET: 'whsec_Zm9vYmFy' })).toThrow(/must be set together/);
    expect(() => loadConfig({ STRIPE_API_URL: 'http://127.0.0.1:12111' })).toThrow(/STRIPE_API_URL needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET/);
  });

  it('names malformed Stripe settings without ever quoting the secrets', () => {
    const publishable = 'pk_test_51Publishable999';
    const wrongSecret = 'not-a-signing-secret-777';
    let message = '';
    try {
      loadConfig({ STRIPE_SECRET_KEY: publishable, STRIPE_WEBHOOK_SECRET: wrongSecret, STRIPE_API_URL: 'http://127.0.0.1:12111/v1' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('STRIPE_SECRET_KEY holds a publishable key');
    expect(message).toContain('STRIPE_WEBHOOK_SECRET does not look like a webhook signing secret');
    expect(message).toContain('STRIPE_API_URL must be a scheme, host and port only');
    expect(message).not.toContain(publishable);
    expect(message).not.toContain(wrongSecret);
    const garbled = 'sk_test_51 with spaces 555';
    expect(() => loadConfig({ STRIPE_SECRET_KEY: garbled, STRIPE_WEBHOOK_SECRET: 'whsec_Zm9vYmFy' })).toThrow(
      /STRIPE_SECRET_KEY does not look like a Stripe secret key/,
    );
    expect(() => loadConfig({ STRIPE_SECRET_KEY: garbled, STRIPE_WEBHOOK_SECRET: 'whsec_Zm9vYmFy' })).not.toThrow(/555/);
  });

  it('reads the platform fee as a percentage and an amount in major units, and the plans it spares', () => {
    const commerce = loadConfig({
      PLATFORM_FEE_RATE: '7.5',
      PLATFORM_FEE_FLAT: '0.99',
      PLATFORM_FEE_WAIVED_PLANS: 'pro, Plus,,pro',
      PURCHASES_ENABLED: 'false',
    }).commerce;
    expect(commerce.feePolicy).toEqual({
      rateBps: 750,
      flatMinor: 99,
      waivedPlans: new Map([
        ['pro', 'Pro'],
        ['plus', 'Plus'],
      ]),
    });
    expect(commerce.purchasesEnabled).toBe(false);
    expect(loadConfig({ PLATFORM_FEE_RATE: '0', PLATFORM_FEE_FLAT: '0' }).commerce.feePolicy).toMatchObject({ rateBps: 0, flatMinor: 0 });
  });

  it('rejects fees out of range or finer than cents, unknown plans and a non-boolean PURCHASES_ENABLED', () => {
    let message = '';
    try {
      loadConfig({ PLATFORM_FEE_RATE: '101', PLATFORM_FEE_FLAT: '3.005', PLATFORM_FEE_WAIVED_PLANS: 'classic,explorer', PURCHASES_ENABLED: 'sometimes' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('PLATFORM_FEE_RATE must be a percentage from 0 to 100');
    expect(message).toContain('PLATFORM_FEE_FLAT must be an amount in major units from 0 to 1000');
    expect(message).toContain('PLATFORM_FEE_WAIVED_PLANS may only list classic, plus, pro (got "explorer")');
    expect(message).toContain('PURCHASES_ENABLED must be true or false');
    expect(() => loadConfig({ PLATFORM_FEE_RATE: '-1' })).toThrow(/PLATFORM_FEE_RATE/);
  });
});
