// Cross-origin requests from browser apps (a dev server on localhost:5173 calling the
// sandbox on :3000): allowed origins get CORS headers with credentials, so the
// Sanctum-style flow (session cookie + X-XSRF-TOKEN) works from another origin; preflights
// are answered for every path of the spec. Origins not allowed get no CORS header at all.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { header } from './api-request.js';
import { methodsAt } from './route-matching.js';

/** Request headers a browser app may send (the preflight's Access-Control-Allow-Headers). */
const ALLOWED_HEADERS = ['Accept', 'Authorization', 'Content-Type', 'Idempotency-Key', 'Prefer', 'Range', 'X-Requested-With', 'X-XSRF-TOKEN'];

/** Response headers a client must be able to read. */
const EXPOSED_HEADERS = [
  'Accept-Ranges',
  'Content-Disposition',
  'Content-Length',
  'Content-Range',
  'Retry-After',
  'WWW-Authenticate',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'X-Request-Id',
];

/** How long a browser may reuse a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/** Origins allowed outside production when CORS_ORIGINS is not set: any local dev server. */
export const LOCAL_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'] as const;

/**
 * One allowed origin: exact (`https://app.example.com`) or a pattern where `*` stands for
 * any port (`http://localhost:*`) or for subdomains (`https://*.example.com`).
 */
export function originMatcher(entry: string): (origin: string) => boolean {
  const match = /^(https?):\/\/(\*\.)?([a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\*|\d{1,5}))?$/i.exec(entry);
  if (!match) throw new Error(`"${entry}" is not an origin (scheme://host[:port]) or a pattern with * for subdomains or the port`);
  const [, scheme, subdomains, host, port] = match;
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const source = [
    `^${scheme!.toLowerCase()}://`,
    subdomains ? '(?:[a-z0-9-]+\\.)+' : '',
    literal(host!.toLowerCase()),
    port === '*' ? '(?::\\d{1,5})?' : port ? `:${port}` : '',
    '$',
  ].join('');
  const pattern = new RegExp(source);
  return (origin) => pattern.test(origin.toLowerCase());
}

/** Adds the CORS headers a response to `req` needs; answers a preflight and returns true. */
export type CorsPolicy = (req: IncomingMessage, res: ServerResponse, path: string) => boolean;

export function createCorsPolicy(origins: readonly string[]): CorsPolicy {
  const matchers = origins.map(originMatcher);
  const allowed = (origin: string) => matchers.some((matches) => matches(origin));
  return (req, res, path) => {
    if (matchers.length === 0) return false;
    // What a cache stores for one origin must not be served to another.
    res.setHeader('Vary', 'Origin');
    const origin = header(req, 'origin');
    if (origin === undefined || !allowed(origin)) return false;
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    const methods = req.method === 'OPTIONS' && header(req, 'access-control-request-method') !== undefined ? methodsAt(path) : undefined;
    if (methods) {
      res.setHeader('Access-Control-Allow-Methods', methods.join(', '));
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS.join(', '));
      res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE));
      res.statusCode = 204;
      res.end();
      return true;
    }
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
    return false;
  };
}
