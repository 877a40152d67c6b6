// Sanctum's CSRF rule: the web sign-in routes, and every unsafe request that a session
// cookie authenticates, must echo the XSRF-TOKEN cookie in the X-XSRF-TOKEN header.
// Requests without cookies (tokens, anonymous API calls) cannot be forged by a browser
// and need none.
import { timingSafeEqual } from 'node:crypto';
import { header, type Step } from './api-request.js';
import { SESSION_COOKIE, XSRF_COOKIE, XSRF_HEADER, readCookie } from './cookies.js';
import { HttpError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function tokensMatch(cookie: string | undefined, header: string | undefined): boolean {
  if (!cookie || !header) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(header);
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
  if (tokensMatch(readCookie(req.cookies, XSRF_COOKIE), header(req, XSRF_HEADER))) return next();
  next(new HttpError(419, 'CSRF token mismatch.'));
};
