// Configuration from environment variables, validated once at start-up. Every problem is
// reported together, with the variable's name and what it should look like.
export interface Config {
  port: number;
  host: string;
  environment: 'development' | 'test' | 'production';
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolSize: number };
  /** Response validation costs throughput; it stays on outside production by default. */
  validateResponses: boolean;
  secureCookies: boolean;
  logLevel: string;
  seedDemoData: boolean;
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
      database = { kind: 'postgres', url, poolSize: int('DB_POOL_SIZE', 10, 1, 200) };
    }
  }

  const config: Config = {
    port: int('PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    environment,
    database,
    validateResponses: bool('VALIDATE_RESPONSES', environment !== 'production'),
    secureCookies: bool('SECURE_COOKIES', environment === 'production'),
    logLevel: env.LOG_LEVEL || (environment === 'test' ? 'silent' : 'info'),
    seedDemoData: bool('SEED_DEMO_DATA', environment !== 'production'),
  };
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${config.logLevel}").`);
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}
