// Rate limits per operation group, as declared by `x-rate-limit-groups` in the spec. A group
// may sit `within` a wider one (sign-ins per email and address, within sign-ins per address):
// a request counts against both, and the tighter one answers. Every response carries
// X-RateLimit-* (of the group closer to its limit); a 429 adds Retry-After and
// `{message, retry_after}`.
// With Redis the counters are shared by every instance; when Redis fails or is slow, each
// instance falls back to counting in its own memory (logged once per outage) and returns to
// Redis when it answers again, so a Redis outage never fails a request.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimitGroups, type RateLimitGroupName } from '../../generated/contract.js';
import type { ApiRequest, Step } from './api-request.js';
import { HttpError } from './errors.js';
import { SESSION_COOKIE, readCookie } from './cookies.js';

export type RateLimitOverrides = Partial<Record<RateLimitGroupName, number>>;

function keyFor(group: RateLimitGroupName, req: ApiRequest): string {
  const { ctx } = req;
  switch (rateLimitGroups[group].key) {
    case 'email-ip': {
      const email = (req.body as { email?: unknown } | undefined)?.email;
      return `${typeof email === 'string' ? email.trim().toLowerCase() : ''}|${ctx.ip}`;
    }
    case 'pending-user': {
      // Every pending sign-in of one account shares a count, so opening more of them gains nothing.
      const pendingUserId = ctx.session?.pendingUserId;
      return pendingUserId == null ? (readCookie(req.cookies, SESSION_COOKIE) ?? ctx.ip) : `pending:${pendingUserId}`;
    }
    case 'ip':
      return ctx.ip;
    default:
      return ctx.user ? `user:${ctx.user.id}` : `ip:${ctx.ip}`;
  }
}

export const REDIS_PROBE_INTERVAL_MS = 1_000;

export interface SharedRateLimitStore {
  redis: Redis;
  /** Prefix for every key, e.g. `beatpass:rl`; tests use one per run. */
  keyPrefix?: string;
}

interface GroupLimiter {
  name: RateLimitGroupName;
  limit: number;
  memory: RateLimiterAbstract;
  shared?: RateLimiterAbstract;
  /** The wider group every request of this one also counts against. */
  ceiling?: GroupLimiter;
}

export function createRateLimiter(overrides: RateLimitOverrides = {}, options: { store?: SharedRateLimitStore; logger?: Logger } = {}): Step {
  const { store, logger } = options;
  const limiters = new Map<RateLimitGroupName, GroupLimiter>();
  for (const [name, group] of Object.entries(rateLimitGroups) as [RateLimitGroupName, (typeof rateLimitGroups)[RateLimitGroupName]][]) {
    const limit = overrides[name] ?? group.limit;
    limiters.set(name, {
      name,
      limit,
      memory: new RateLimiterMemory({ keyPrefix: name, points: limit, duration: group.window_seconds }),
      shared:
        store &&
        new RateLimiterRedis({
          storeClient: store.redis,
          keyPrefix: `${store.keyPrefix ?? 'beatpass:rl'}:${name}`,
          points: limit,
          duration: group.window_seconds,
          // Not connected: fail at once (to the memory fallback) instead of queueing.
          rejectIfRedisNotReady: true,
        }),
    });
  }
  for (const [name, group] of Object.entries(rateLimitGroups) as [RateLimitGroupName, { within?: RateLimitGroupName }][]) {
    if (group.within) limiters.get(name)!.ceiling = limiters.get(group.within);
  }

  let degraded = false;
  /** While Redis is failing, only one request a second tries it, so a slow Redis costs little. */
  let nextProbeAt = 0;
  // Reconnected: try Redis on the very next request.
  store?.redis.on('ready', () => {
    nextProbeAt = 0;
  });
  async function consume(group: GroupLimiter, key: string): Promise<RateLimiterRes> {
    if (!group.shared || (degraded && Date.now() < nextProbeAt)) return group.memory.consume(key);
    try {
      const result = await group.shared.consume(key);
      if (degraded) {
        degraded = false;
        logger?.info('Redis answers again: rate limits are shared across instances again');
      }
      return result;
    } catch (err) {
      if (err instanceof RateLimiterRes) throw err;
      nextProbeAt = Date.now() + REDIS_PROBE_INTERVAL_MS;
      if (!degraded) {
        degraded = true;
        logger?.warn({ err }, "Redis unavailable: rate limits fall back to this instance's memory until it answers");
      }
      return group.memory.consume(key);
    }
  }

  async function countAgainst(group: GroupLimiter, req: ApiRequest): Promise<{ group: GroupLimiter; state: RateLimiterRes }> {
    try {
      return { group, state: await consume(group, keyFor(group.name, req)) };
    } catch (err) {
      throw err instanceof RateLimiterRes ? new RejectedBy(group, err) : err;
    }
  }

  /** Counts the request against its group, then its ceiling; the first refusal stops it. */
  async function consumeAll(group: GroupLimiter, req: ApiRequest): Promise<{ group: GroupLimiter; state: RateLimiterRes }> {
    const own = await countAgainst(group, req);
    if (!group.ceiling) return own;
    const wider = await countAgainst(group.ceiling, req);
    return wider.state.remainingPoints < own.state.remainingPoints ? wider : own;
  }

  return async (req, res, next) => {
    const limiter = limiters.get(req.operation.rateLimitGroup)!;
    const setHeaders = (limit: number, state: RateLimiterRes) => {
      res.setHeader('X-RateLimit-Limit', String(limit));
      res.setHeader('X-RateLimit-Remaining', String(Math.max(0, state.remainingPoints)));
      res.setHeader('X-RateLimit-Reset', String(Math.ceil((Date.now() + state.msBeforeNext) / 1000)));
    };
    try {
      const { group, state } = await consumeAll(limiter, req);
      setHeaders(group.limit, state);
      next();
    } catch (rejection) {
      if (!(rejection instanceof RejectedBy)) return next(rejection);
      setHeaders(rejection.group.limit, rejection.state);
      const retryAfter = Math.max(1, Math.ceil(rejection.state.msBeforeNext / 1000));
      res.setHeader('Retry-After', String(retryAfter));
      next(new TooManyAttempts(retryAfter));
    }
  };
}

/** A refusal, with the group that refused (its limit goes in the headers). */
class RejectedBy {
  constructor(
    readonly group: GroupLimiter,
    readonly state: RateLimiterRes,
  ) {}
}

export class TooManyAttempts extends HttpError {
  constructor(readonly retryAfter: number) {
    super(429, 'Too Many Attempts.', undefined, undefined, { retry_after: retryAfter });
  }
}
