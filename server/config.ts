// Configuration from environment variables, validated once at start-up. Every problem is
// reported together, with the variable's name and what it should look like.
import { rateLimitGroups, type RateLimitGroupName } from '../generated/contract.js';
import { LOCAL_ORIGINS, originMatcher } from './http/cors.js';
import { DEFAULT_FEE_POLICY, type FeePolicy } from './payments/pricing.js';

export interface PostgresConfig {
  kind: 'postgres';
  url: string;
  poolSize: number;
  /** Time to open a connection or to wait for a free one in the pool. */
  connectTimeoutMs: number;
  /** statement_timeout on the server; the client gives up shortly after it. */
  queryTimeoutMs: number;
  /** How long start-up keeps retrying an unreachable database before giving up. */
  startupTimeoutMs: number;
}

export interface RedisConfig {
  url: string;
  /** A Redis command slower than this counts as a failure (rate limits fall back to memory). */
  commandTimeoutMs: number;
}
export interface SpotifyConfig {
  clientId: string;
  clientSecret: string;
  /** The Web API base, without a trailing slash (tests point it at a local fake). */
  apiUrl: string;
  /** The accounts service that issues app tokens, without a trailing slash. */
  accountsUrl: string;
  /** Longest wait for one Spotify lookup, token request included; then 503. */
  timeoutMs: number;
}

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** Stripe's API somewhere else (a fake, stripe-mock): scheme, host and port; Stripe's own when undefined. */
  apiUrl: string | undefined;
}

export interface CommerceConfig {
  /** Null without STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET: the local provider, Stripe's test mode without an account. */
  stripe: StripeSettings | null;
  feePolicy: FeePolicy;
  /** Off: the purchase routes answer 403. */
  purchasesEnabled: boolean;
}

/** The paid plans whose sellers may be spared the platform fee, with the names buyers see. */
export const FEE_WAIVABLE_PLANS: Readonly<Record<string, string>> = { classic: 'Classic', plus: 'Plus', pro: 'Pro' };

export interface Config {
  port: number;
  host: string;
  environment: 'development' | 'test' | 'production';
  database: { kind: 'pglite'; dataDir: string } | PostgresConfig;
  /** Shared rate-limit counters; unset means each instance counts in its own memory. */
  redis: RedisConfig | null;
  /** Limits per rate-limit group, overriding the spec's (RATE_LIMIT_API, RATE_LIMIT_LOGIN, ...). */
  rateLimits: Partial<Record<RateLimitGroupName, number>>;
  /** On SIGTERM, in-flight requests get this long to finish before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** How often expired sessions and tokens are deleted (and once at start). */
  housekeepingIntervalMs: number;
  /** Response validation costs throughput; it stays on outside production by default. */
  validateResponses: boolean;
  /** Request validation; turned off only to measure what it costs (the bench). */
  validateRequests: boolean;
  secureCookies: boolean;
  logLevel: string;
  seedDemoData: boolean;
  /** How many demo tracks to seed (the bench uses a large catalog). */
  demoTracks: number;
  /** Where uploaded audio is stored (local backend). */
  storageDir: string;
  uploadMaxBytes: number;
  /** Most bytes one account's stored uploads may take in total. */
  uploadQuotaBytes: number;
  /** How long an upload may wait to be published before housekeeping deletes it. */
  uploadExpiryMs: number;
  /** The Spotify lookups of the credits routes; null without credentials (they answer 503). */
  spotify: SpotifyConfig | null;
  commerce: CommerceConfig;
  /** Browser origins allowed to call the API with credentials (exact, or with * for the port or subdomains). */
  corsOrigins: string[];
  /**
   * Where clients reach this server (no trailing slash), given the port it bound (PORT may be
   * 0): PUBLIC_URL, or HOST and that port. The base of every link the API builds, and the
   * first server of the spec it serves.
   */
  publicUrl: (boundPort: number) => string;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${env[name]}").`);
    return fallback;
  };

  /** A decimal with at most two places, as hundredths (12.5 → 1250; 3.00 → 300). */
  const hundredths = (name: string, fallback: number, max: number, what: string): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+(\.\d{1,2})?$/.test(raw.trim()) || Number(raw) > max) {
      problems.push(`${name} must be ${what} from 0 to ${max} with at most two decimals (got "${raw}").`);
      return fallback;
    }
    return Math.round(Number(raw) * 100);
  };

  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'test', 'production'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, test or production (got "${nodeEnv}").`);
  }
  const environment = (['development', 'test', 'production'].includes(nodeEnv) ? nodeEnv : 'development') as Config['environment'];

  let database: Config['database'] = { kind: 'pglite', dataDir: env.DATA_DIR || './data' };
  const url = env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL; leave it unset to use the embedded database in DATA_DIR.');
    } else {
      database = {
        kind: 'postgres',
        url,
        poolSize: int('DB_POOL_SIZE', 10, 1, 200),
        connectTimeoutMs: int('DB_CONNECT_TIMEOUT_MS', 5_000, 100, 600_000),
        queryTimeoutMs: int('DB_QUERY_TIMEOUT_MS', 10_000, 100, 3_600_000),
        startupTimeoutMs: int('DB_STARTUP_TIMEOUT_MS', 60_000, 0, 3_600_000),
      };
    }
  }

  let redis: Config['redis'] = null;
  const redisUrl = env.REDIS_URL;
  if (redisUrl) {
    let valid = false;
    try {
      valid = ['redis:', 'rediss:'].includes(new URL(redisUrl).protocol);
    } catch {
      valid = false;
    }
    if (!valid) problems.push('REDIS_URL must be a redis:// or rediss:// URL; leave it unset to keep rate limits in memory.');
    else redis = { url: redisUrl, commandTimeoutMs: int('REDIS_COMMAND_TIMEOUT_MS', 500, 10, 60_000) };
  }

  const httpUrl = (name: string, fallback: string): string => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    let valid = false;
    try {
      valid = ['http:', 'https:'].includes(new URL(raw).protocol);
    } catch {
      valid = false;
    }
    if (!valid) problems.push(`${name} must be an http:// or https:// URL (got "${raw}").`);
    return valid ? raw.replace(/\/+$/, '') : fallback;
  };
  const spotifyUrls = {
    apiUrl: httpUrl('SPOTIFY_API_URL', 'https://api.spotify.com/v1'),
    accountsUrl: httpUrl('SPOTIFY_ACCOUNTS_URL', 'https://accounts.spotify.com'),
    timeoutMs: int('SPOTIFY_TIMEOUT_MS', 5_000, 100, 60_000),
  };
  const spotifyClientId = env.SPOTIFY_CLIENT_ID || '';
  const spotifyClientSecret = env.SPOTIFY_CLIENT_SECRET || '';
  if ((spotifyClientId === '') !== (spotifyClientSecret === '')) {
    problems.push('SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET must be set together; leave both unset to turn the Spotify lookups off.');
  }
  const spotify: Config['spotify'] =
    spotifyClientId && spotifyClientSecret ? { clientId: spotifyClientId, clientSecret: spotifyClientSecret, ...spotifyUrls } : null;

  const commerce: CommerceConfig = {
    stripe: stripeSettings(env, httpUrl, problems),
    feePolicy: {
      rateBps: hundredths('PLATFORM_FEE_RATE', DEFAULT_FEE_POLICY.rateBps, 100, 'a percentage'),
      flatMinor: hundredths('PLATFORM_FEE_FLAT', DEFAULT_FEE_POLICY.flatMinor, 1000, 'an amount in major units'),
      waivedPlans: waivedPlans(env.PLATFORM_FEE_WAIVED_PLANS ?? '', problems),
    },
    purchasesEnabled: bool('PURCHASES_ENABLED', true),
  };

  const corsOrigins = (env.CORS_ORIGINS === undefined ? (environment === 'production' ? [] : [...LOCAL_ORIGINS]) : env.CORS_ORIGINS.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .filter((entry) => {
      try {
        originMatcher(entry);
        return true;
      } catch (err) {
        problems.push(`CORS_ORIGINS: ${(err as Error).message}.`);
        return false;
      }
    });

  const rateLimits: Config['rateLimits'] = {};
  for (const group of Object.keys(rateLimitGroups) as RateLimitGroupName[]) {
    const name = `RATE_LIMIT_${group.toUpperCase().replace(/-/g, '_')}`;
    if (env[name] !== undefined && env[name] !== '') rateLimits[group] = int(name, rateLimitGroups[group].limit, 1, 1_000_000_000);
  }

  const port = int('PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  // Listening on every interface, the server is reached on the loopback one from this machine.
  const reachableHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  const explicitPublicUrl = env.PUBLIC_URL ? httpUrl('PUBLIC_URL', '') : undefined;
  const config: Config = {
    port,
    host,
    environment,
    database,
    redis,
    rateLimits,
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    housekeepingIntervalMs: int('HOUSEKEEPING_INTERVAL_SECONDS', 600, 1, 86_400) * 1000,
    validateResponses: bool('VALIDATE_RESPONSES', environment !== 'production'),
    validateRequests: bool('VALIDATE_REQUESTS', true),
    secureCookies: bool('SECURE_COOKIES', environment === 'production'),
    logLevel: env.LOG_LEVEL || (environment === 'test' ? 'silent' : 'info'),
    seedDemoData: bool('SEED_DEMO_DATA', environment !== 'production'),
    demoTracks: int('DEMO_TRACKS', 240, 1, 1_000_000),
    storageDir: env.STORAGE_DIR || './storage',
    uploadMaxBytes: int('UPLOAD_MAX_MB', 256, 1, 4096) * 1024 * 1024,
    uploadQuotaBytes: int('UPLOAD_QUOTA_MB', 2048, 1, 1_048_576) * 1024 * 1024,
    uploadExpiryMs: int('UPLOAD_EXPIRY_HOURS', 24, 1, 8760) * 3_600_000,
    spotify,
    commerce,
    corsOrigins,
    publicUrl: (boundPort) => explicitPublicUrl ?? `http://${reachableHost}:${boundPort}`,
  };
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${config.logLevel}").`);
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}

/**
 * Stripe when both secrets are set. The problems name the variables but never quote their
 * values: a secret pasted into the wrong variable must not end up in a terminal or a log.
 */
function stripeSettings(env: Env, httpUrl: (name: string, fallback: string) => string, problems: string[]): StripeSettings | null {
  const secretKey = env.STRIPE_SECRET_KEY?.trim() || '';
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET?.trim() || '';
  const apiUrl = env.STRIPE_API_URL ? httpUrl('STRIPE_API_URL', '') : undefined;
  if (apiUrl) {
    const url = new URL(apiUrl);
    if (url.pathname !== '/' || url.search !== '') {
      problems.push('STRIPE_API_URL must be a scheme, host and port only, like http://127.0.0.1:12111 (the Stripe SDK adds the /v1 paths itself).');
    }
  }
  if ((secretKey === '') !== (webhookSecret === '')) {
    problems.push('STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together; leave both unset to use the local payment provider.');
    return null;
  }
  if (secretKey === '') {
    if (env.STRIPE_API_URL) problems.push('STRIPE_API_URL needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET; without them the local payment provider is used.');
    return null;
  }
  let valid = true;
  if (/^pk_(test|live)_/.test(secretKey)) {
    problems.push('STRIPE_SECRET_KEY holds a publishable key (pk_…); the server needs the secret key (sk_test_… or sk_live_…).');
    valid = false;
  } else if (!/^[sr]k_(test|live)_[A-Za-z0-9]+$/.test(secretKey)) {
    problems.push('STRIPE_SECRET_KEY does not look like a Stripe secret key (sk_test_… or sk_live_…; restricted rk_… keys work too).');
    valid = false;
  }
  if (!/^whsec_[A-Za-z0-9+/=]+$/.test(webhookSecret)) {
    problems.push("STRIPE_WEBHOOK_SECRET does not look like a webhook signing secret (whsec_…, from the endpoint's page in the Dashboard or `stripe listen`).");
    valid = false;
  }
  return valid ? { secretKey, webhookSecret, apiUrl: apiUrl || undefined } : null;
}

/** PLATFORM_FEE_WAIVED_PLANS: a comma list of plan ids, each one of the paid plans. */
function waivedPlans(raw: string, problems: string[]): Map<string, string> {
  const plans = new Map<string, string>();
  for (const entry of raw.split(',').map((item) => item.trim().toLowerCase())) {
    if (entry === '') continue;
    const name = FEE_WAIVABLE_PLANS[entry];
    if (name === undefined) problems.push(`PLATFORM_FEE_WAIVED_PLANS may only list ${Object.keys(FEE_WAIVABLE_PLANS).join(', ')} (got "${entry}").`);
    else plans.set(entry, name);
  }
  return plans;
}
