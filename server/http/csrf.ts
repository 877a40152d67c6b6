// Sanctum's CSRF rule: the web sign-in routes, and every unsafe request that a session
// cookie authenticates, must send X-XSRF-TOKEN equal to the CSRF token of the session the
// cookie names (the XSRF-TOKEN cookie's value). The token belongs to the session, as in
// Laravel: a matching cookie and header planted by someone else match no session.
// Requests without cookies (tokens, anonymous API calls) cannot be forged by a browser
// and need none.
import { timingSafeEqual } from 'node:crypto';
import { header, type Step } from './api-request.js';
import { SESSION_COOKIE, XSRF_HEADER, readCookie } from './cookies.js';
import { HttpError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function tokensMatch(expected: string | null | undefined, sent: string | undefined): boolean {
  if (!expected || !sent) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const verifyCsrf: Step = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method!)) return next();
  const isWebRoute = !req.operation.path.startsWith('/api/');
  // Only an operation that accepts the session cookie can be driven by one; the token
  // sign-in and registration routes set no cookie, so a forged call gains an attacker nothing.
  const sessionAuthenticated =
    req.operation.schemes.includes('sessionCookie') && readCookie(req.cookies, SESSION_COOKIE) !== undefined && header(req, 'authorization') === undefined;
  if (!isWebRoute && !sessionAuthenticated) return next();
  if (tokensMatch(req.ctx.session?.csrfToken, header(req, XSRF_HEADER))) return next();
  next(new HttpError(419, 'CSRF token mismatch.'));
};
