// Resolves who is calling (session cookie or bearer token) into `req.ctx`. It never rejects
// by itself: the security step decides, from the operation's declared schemes, whether the
// caller may go on. Sessions and tokens are the auth domains' business: this step asks them
// through `CallerLookup` and knows no table.
import { parse as parseCookies } from 'cookie';
import type { sessions, users } from '../db/schema.js';
import { header, type Step } from './api-request.js';
import { SESSION_COOKIE, readCookie } from './cookies.js';

export type CallerUser = typeof users.$inferSelect;
export type CallerSession = typeof sessions.$inferSelect;

/** How the request path learns who is calling; implemented by the auth domains. */
export interface CallerLookup {
  /** The user a bearer token signs in (live token, enabled user) and the token's id; records the use. */
  byToken(plainText: string): Promise<{ user: CallerUser; tokenId: number } | undefined>;
  /**
   * The live session a session cookie names, with its user when the session is signed in and
   * the user enabled (a session waiting for a two-factor code has none); slides its expiry.
   */
  bySession(cookieValue: string): Promise<{ session: CallerSession; user: CallerUser | undefined } | undefined>;
}

export interface RequestContext {
  /** The signed-in user, or null for anonymous callers. */
  user: CallerUser | null;
  via: 'session' | 'token' | null;
  /** The session row the cookie points at (signed in, or waiting for a two-factor code). */
  session: CallerSession | null;
  tokenId: number | null;
  /** A bearer token was sent but is unknown, expired or revoked. */
  invalidToken: boolean;
  ip: string;
  /** Absolute URL of this request without its query, on the public URL, for pagination links. */
  url: string;
  /** The User-Agent header: play analytics read device, browser and platform from it. */
  userAgent: string | null;
  /** The CF-IPCountry header a CDN in front of the server may add (play analytics). */
  cdnCountry: string | null;
  /** The Accept header, for the operations that answer in more than one media type. */
  accept: string | null;
}

/** The context of an operation that requires a signed-in caller: the security step let it through. */
export type SignedInContext = RequestContext & { user: CallerUser };

export function normalizeIp(ip: string | undefined): string {
  if (!ip) return 'unknown';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

const NO_COOKIES: Readonly<Record<string, string | undefined>> = Object.freeze(Object.create(null) as Record<string, string | undefined>);

/**
 * `publicUrl` is where clients reach the server (PUBLIC_URL): links the API builds start with
 * it, never with the request's Host header, which any client can set.
 */
export function resolveRequestContext(callers: CallerLookup, publicUrl: string): Step {
  const base = publicUrl.replace(/\/+$/, '');
  return async (req, _res, next) => {
    try {
      const cookieHeader = header(req, 'cookie');
      req.cookies = cookieHeader ? parseCookies(cookieHeader) : NO_COOKIES;
      const ctx: RequestContext = {
        user: null,
        via: null,
        session: null,
        tokenId: null,
        invalidToken: false,
        ip: normalizeIp(req.socket.remoteAddress),
        url: `${base}${req.path}`,
        userAgent: header(req, 'user-agent') ?? null,
        cdnCountry: header(req, 'cf-ipcountry') ?? null,
        accept: header(req, 'accept') ?? null,
      };
      req.ctx = ctx;

      const authorization = header(req, 'authorization');
      if (authorization !== undefined) {
        const match = /^Bearer\s+(\S+)$/i.exec(authorization);
        const found = match ? await callers.byToken(match[1]!) : undefined;
        if (found) {
          ctx.user = found.user;
          ctx.via = 'token';
          ctx.tokenId = found.tokenId;
        } else {
          ctx.invalidToken = true;
        }
      }

      // The session is looked up even next to a bearer token, which it never overrides: a web
      // route checks its CSRF token whatever else the request carries.
      const cookie = readCookie(req.cookies, SESSION_COOKIE);
      if (cookie) {
        const found = await callers.bySession(cookie);
        if (found) {
          ctx.session = found.session;
          if (found.user && authorization === undefined) {
            ctx.user = found.user;
            ctx.via = 'session';
          }
        }
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}
