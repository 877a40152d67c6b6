import type { CookieStore } from './cookie-jar.js';
import type { FetchLike } from './retry-fetch.js';

export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'X-XSRF-TOKEN';
const CSRF_COOKIE_PATH = '/sanctum/csrf-cookie';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface SessionFetch extends FetchLike {
  /** Fetches a fresh `XSRF-TOKEN` cookie; concurrent callers share one request. */
  refreshXsrf(): Promise<void>;
}

/**
 * Cookie-session behaviour of Laravel Sanctum, beneath openapi-fetch's middleware because a
 * `419` has to be answered by sending the request again:
 * - sends the jar's cookies to the API origin and keeps the cookies it sets;
 * - before an unsafe request, makes sure an `XSRF-TOKEN` cookie exists and echoes it, decoded,
 *   in `X-XSRF-TOKEN`;
 * - on `419` fetches a new XSRF cookie and repeats the request once.
 */
export function createSessionFetch(inner: FetchLike, baseUrl: string, cookies: CookieStore): SessionFetch {
  const origin = new URL(baseUrl).origin;
  const csrfUrl = `${baseUrl.replace(/\/+$/, '')}${CSRF_COOKIE_PATH}`;
  let pendingRefresh: Promise<void> | undefined;

  const isApiOrigin = (url: string): boolean => new URL(url).origin === origin;

  const send = async (request: Request): Promise<Response> => {
    if (!isApiOrigin(request.url)) return inner(request);
    const cookieHeader = cookies.header();
    const outgoing = cookieHeader === undefined ? request : withHeader(request, 'Cookie', cookieHeader);
    const response = await inner(outgoing);
    cookies.storeFrom(response);
    return response;
  };

  const refreshXsrf = (): Promise<void> => {
    pendingRefresh ??= (async () => {
      try {
        const response = await send(new Request(csrfUrl, { method: 'GET', headers: { Accept: 'application/json' }, credentials: 'include' }));
        // A failed refresh is not thrown: the request then goes out without the header and
        // the server's own 419 reaches the caller, which says more than an error from here.
        await response.body?.cancel();
      } finally {
        pendingRefresh = undefined;
      }
    })();
    return pendingRefresh;
  };

  const withXsrf = (request: Request, replace: boolean): Request => {
    const token = cookies.get(XSRF_COOKIE);
    if (token === undefined || (!replace && request.headers.has(XSRF_HEADER))) return request;
    return withHeader(request, XSRF_HEADER, safeDecode(token));
  };

  const sessionFetch = async (request: Request): Promise<Response> => {
    if (!UNSAFE_METHODS.has(request.method.toUpperCase()) || !isApiOrigin(request.url)) return send(request);

    const spare = request.clone();
    if (cookies.get(XSRF_COOKIE) === undefined) await refreshXsrf();
    const response = await send(withXsrf(request, false));
    if (response.status !== 419) return response;

    await response.body?.cancel();
    await refreshXsrf();
    return send(withXsrf(spare, true));
  };

  return Object.assign(sessionFetch, { refreshXsrf });
}

function withHeader(request: Request, name: string, value: string): Request {
  const headers = new Headers(request.headers);
  headers.set(name, value);
  return new Request(request, { headers });
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
