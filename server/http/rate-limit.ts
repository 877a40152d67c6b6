// Rate limits per operation group, as declared by `x-rate-limit-groups` in the spec. Every
// response carries X-RateLimit-*; a 429 adds Retry-After and `{message, retry_after}`.
import type { RequestHandler, Request } from 'express';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimitGroups, type RateLimitGroupName } from '../../generated/contract.js';
import { HttpError } from './errors.js';
import { SESSION_COOKIE, readCookie } from './cookies.js';

export type RateLimitOverrides = Partial<Record<RateLimitGroupName, number>>;

function keyFor(group: RateLimitGroupName, req: Request): string {
  const { ctx } = req;
  switch (rateLimitGroups[group].key) {
    case 'email-ip': {
      const email = (req.body as { email?: unknown } | undefined)?.email;
      return `${typeof email === 'string' ? email.trim().toLowerCase() : ''}|${ctx.ip}`;
    }
    case 'session':
      return readCookie(req.cookies, SESSION_COOKIE) ?? ctx.ip;
    case 'ip':
      return ctx.ip;
    default:
      return ctx.user ? `user:${ctx.user.id}` : `ip:${ctx.ip}`;
  }
}

export function createRateLimiter(overrides: RateLimitOverrides = {}): RequestHandler {
  const limiters = new Map<RateLimitGroupName, { limiter: RateLimiterAbstract; limit: number }>();
  for (const [name, group] of Object.entries(rateLimitGroups) as [RateLimitGroupName, (typeof rateLimitGroups)[RateLimitGroupName]][]) {
    const limit = overrides[name] ?? group.limit;
    limiters.set(name, {
      limit,
      limiter: new RateLimiterMemory({ keyPrefix: name, points: limit, duration: group.window_seconds }),
    });
  }

  return async (req, res, next) => {
    const group = req.operation.rateLimitGroup;
    const { limiter, limit } = limiters.get(group)!;
    const setHeaders = (state: RateLimiterRes) => {
      res.set({
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': String(Math.max(0, state.remainingPoints)),
        'X-RateLimit-Reset': String(Math.ceil((Date.now() + state.msBeforeNext) / 1000)),
      });
    };
    try {
      setHeaders(await limiter.consume(keyFor(group, req)));
      next();
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) return next(rejection);
      setHeaders(rejection);
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      res.set('Retry-After', String(retryAfter));
      next(new TooManyAttempts(retryAfter));
    }
  };
}

export class TooManyAttempts extends HttpError {
  constructor(readonly retryAfter: number) {
    super(429, 'Too Many Attempts.', undefined, undefined, { retry_after: retryAfter });
  }
}
