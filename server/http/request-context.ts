// Resolves who is calling (session cookie or bearer token) into `req.ctx`. It never rejects
// by itself: the security step decides, from the operation's declared schemes, whether the
// caller may go on.
import type { RequestHandler } from 'express';
import type { Db } from '../db/connection.js';
import { findLiveSession, touchSession, type SessionRow } from '../domains/auth/sessions.js';
import { findLiveToken, markTokenUsed } from '../domains/developer-tokens/repository.js';
import { findUserById, type UserRow } from '../domains/users/repository.js';
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
  /** The Range header: a download is counted when it starts, not for every chunk. */
  range: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    ctx: RequestContext;
  }
}

export function normalizeIp(ip: string | undefined): string {
  if (!ip) return 'unknown';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

export function resolveRequestContext(db: Db): RequestHandler {
  return async (req, _res, next) => {
    try {
      const ctx: RequestContext = {
        user: null,
        via: null,
        session: null,
        tokenId: null,
        invalidToken: false,
        ip: normalizeIp(req.ip),
        url: `${req.protocol}://${req.get('host') ?? 'localhost'}${req.path}`,
        userAgent: req.get('user-agent') ?? null,
        cdnCountry: req.get('cf-ipcountry') ?? null,
        range: req.get('range') ?? null,
      };
      req.ctx = ctx;

      const authorization = req.get('authorization');
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
