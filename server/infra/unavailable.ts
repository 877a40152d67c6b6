// Which failures mean "a backing service is down or too slow" (the documented 503 with
// Retry-After) rather than a bug (500). The list is deliberately precise: a constraint
// violation, a syntax error or a missing table stays a 500.

/** Socket-level failures reaching the database or Redis. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs that mean the server cannot serve right now: class 08 (connection
 * exception) is matched by prefix; these are the others.
 */
const POSTGRES_UNAVAILABLE = new Set([
  '57P01', // admin_shutdown (the server is stopping, or our backend was terminated)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, or in recovery)
  '53300', // too_many_connections
  '57014', // query_canceled: our statement_timeout fired, the database is too slow
]);

/** Errors node-postgres and pg-pool raise without a code. */
const POSTGRES_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

/** ioredis errors when Redis is unreachable or slow. */
const REDIS_MESSAGES = ['Connection is closed.', 'Command timed out', "Stream isn't writeable", 'Reached the max retries per request limit'];

function* causes(err: unknown): Generator<{ code?: unknown; message?: unknown; name?: unknown; errors?: unknown }> {
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    yield current as { code?: unknown; message?: unknown };
    // AggregateError (dual-stack connect attempts) carries the real failures in `errors`.
    const nested = (current as { errors?: unknown }).errors;
    if (Array.isArray(nested)) for (const e of nested) if (e && typeof e === 'object') yield e as { code?: unknown };
    current = (current as { cause?: unknown }).cause;
  }
}

/** True when `err` (or what it wraps, e.g. drizzle's DrizzleQueryError) says the database is unavailable. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code && NETWORK_CODES.has(code)) return true;
    if (code && /^[0-9A-Z]{5}$/.test(code)) {
      if (code.startsWith('08') || POSTGRES_UNAVAILABLE.has(code)) return true;
      // Any other SQLSTATE is an answer from a working server: not an availability problem.
      return false;
    }
    const message = typeof e.message === 'string' ? e.message : '';
    if (POSTGRES_MESSAGES.some((m) => message === m || message.startsWith(`${m}`))) return true;
  }
  return false;
}

export function isRedisUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
    if (e.name === 'MaxRetriesPerRequestError') return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (REDIS_MESSAGES.some((m) => message.startsWith(m))) return true;
  }
  return false;
}

/** Thrown by our own code when a backing service is known to be unavailable. */
export class ServiceUnavailable extends Error {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor(
    readonly service: 'database' | 'redis',
    options?: { cause?: unknown },
  ) {
    super(`${service} unavailable`, options);
  }
}

export function isServiceUnavailable(err: unknown): boolean {
  return err instanceof ServiceUnavailable || isDatabaseUnavailable(err);
}
