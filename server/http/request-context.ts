// Resolves who is calling (session cookie or bearer token) into `req.ctx`. It never rejects
// by itself: the security step decides, from the operation's declared schemes, whether the
// caller may go on.
import type { TLSSocket } from 'node:tls';
import { parse as parseCookies } from 'cookie';
import type { Db } from '../db/connection.js';
import { findLiveSession, touchSession, type SessionRow } from '../domains/auth/sessions.js';
import { findLiveToken, markTokenUsed } from '../domains/developer-tokens/repository.js';
import { findUserById, type UserRow } from '../domains/users/repository.js';
import { header, type Step } from './api-request.js';
import { SESSION_COOKIE, readCookie } from './cookies.js';

export interface RequestContext {
  /** The signed-in user, or null for anonymous callers. */
  user: UserRow | null;
  via: 'session' | 'token' | null;
  /** The session row the cookie points at (signed in, or waiting for a two-factor code). */
  session: SessionRow | null;
  tokenId: number | null;
  /** A bearer token was sent but is unknown, expired or revoked. */
  invalidToken: boolean;
  ip: string;
  /** Absolute URL of this request without its query, for pagination links. */
  url: string;
  /** The User-Agent header: play analytics read device, browser and platform from it. */
  userAgent: string | null;
  /** The CF-IPCountry header a CDN in front of the server may add (play analytics). */
  cdnCountry: string | null;
}

export function normalizeIp(ip: string | undefined): string {
  if (!ip) return 'unknown';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

const NO_COOKIES: Readonly<Record<string, string | undefined>> = Object.freeze(Object.create(null) as Record<string, string | undefined>);

export function resolveRequestContext(db: Db): Step {
  return async (req, _res, next) => {
    try {
      const cookieHeader = header(req, 'cookie');
      req.cookies = cookieHeader ? parseCookies(cookieHeader) : NO_COOKIES;
      // No proxy is trusted: the peer is the client, as with Express's defaults.
      const protocol = (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
      const ctx: RequestContext = {
        user: null,
        via: null,
        session: null,
        tokenId: null,
        invalidToken: false,
        ip: normalizeIp(req.socket.remoteAddress),
        url: `${protocol}://${header(req, 'host') ?? 'localhost'}${req.path}`,
        userAgent: header(req, 'user-agent') ?? null,
        cdnCountry: header(req, 'cf-ipcountry') ?? null,
      };
      req.ctx = ctx;

      const authorization = header(req, 'authorization');
      if (authorization !== undefined) {
        const match = /^Bearer\s+(\S+)$/i.exec(authorization);
        const found = match ? await findLiveToken(db, match[1]!) : undefined;
        if (found && found.user.disabledAt === null) {
          ctx.user = found.user;
          ctx.via = 'token';
          ctx.tokenId = found.token.id;
          await markTokenUsed(db, found.token);
        } else {
          ctx.invalidToken = true;
        }
        return next();
      }

      const cookie = readCookie(req.cookies, SESSION_COOKIE);
      if (cookie) {
        const session = await findLiveSession(db, cookie);
        if (session) {
          ctx.session = session;
          const user = session.userId === null ? undefined : await findUserById(db, session.userId);
          if (user && user.disabledAt === null) {
            ctx.user = user;
            ctx.via = 'session';
            await touchSession(db, session);
          }
        }
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}
