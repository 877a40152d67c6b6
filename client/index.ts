import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from '../generated/api.js';
import { CookieJar, DocumentCookies, isBrowser, type CookieStore } from './cookie-jar.js';
import { unwrap } from './errors.js';
import { createRetryFetch, type FetchLike, type RetryOptions } from './retry-fetch.js';
import { createSessionFetch } from './session-fetch.js';

export { BeatPassError, unwrap, type ErrorBody, type FieldErrors } from './errors.js';
export { paginate, type LengthAwarePath, type PageItem, type PaginateInit } from './paginate.js';
export type { FetchLike, RetryOptions } from './retry-fetch.js';
// The generated types of the whole API, so an app can name a schema (`components['schemas']['Track']`).
export type { components, operations, paths } from '../generated/api.js';

export type AuthOptions =
  | { mode: 'anonymous' }
  /** A developer token, sent as `Authorization: Bearer <token>`. */
  | { mode: 'token'; token: string }
  /** The first-party cookie session: XSRF cookie, `X-XSRF-TOKEN` echo, `credentials: 'include'`. */
  | { mode: 'session' };

export interface BeatPassClientOptions {
  /** The server origin, e.g. `http://127.0.0.1:3000`: spec paths already start with `/api/v1`. */
  baseUrl: string;
  /** Default `{ mode: 'anonymous' }`. */
  auth?: AuthOptions;
  /** Defaults to the global fetch, looked up at call time. */
  fetch?: FetchLike;
  retry?: RetryOptions;
}

export type BeatPassClient = Client<paths>;

export interface SessionHelpers {
  /** `POST /login`; the session cookie lands in the jar. Throws BeatPassError unless 2xx. */
  login(credentials: components['schemas']['LoginRequest']): Promise<components['schemas']['LoginResult']>;
  /** `POST /logout`, then forgets every cookie, even when the server refused. */
  logout(): Promise<void>;
  /** Fetches a fresh XSRF cookie (done automatically before the first unsafe request). */
  refreshXsrf(): Promise<void>;
  /** Reads a cookie the client holds (in a browser: a non-HttpOnly one). */
  cookie(name: string): string | undefined;
}

export type SessionBeatPassClient = BeatPassClient & { session: SessionHelpers };

export function createBeatPassClient(options: BeatPassClientOptions & { auth: { mode: 'session' } }): SessionBeatPassClient;
export function createBeatPassClient(options: BeatPassClientOptions): BeatPassClient;
export function createBeatPassClient(options: BeatPassClientOptions): BeatPassClient | SessionBeatPassClient {
  const auth = options.auth ?? { mode: 'anonymous' };
  const baseFetch: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  const retryFetch = createRetryFetch(baseFetch, options.retry);

  if (auth.mode !== 'session') {
    const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: retryFetch });
    client.use(headersMiddleware(auth.mode === 'token' ? auth.token : undefined));
    return client;
  }

  const cookies: CookieStore = isBrowser() ? new DocumentCookies() : new CookieJar();
  const sessionFetch = createSessionFetch(retryFetch, options.baseUrl, cookies);
  // In a browser the runtime owns the cookies; `include` makes it send them cross-origin too.
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: sessionFetch, credentials: 'include' });
  client.use(headersMiddleware(undefined));

  const session: SessionHelpers = {
    login: async (credentials) => unwrap(await client.POST('/login', { body: credentials })),
    logout: async () => {
      try {
        unwrap(await client.POST('/logout'));
      } finally {
        cookies.clear();
      }
    },
    refreshXsrf: () => sessionFetch.refreshXsrf(),
    cookie: (name) => cookies.get(name),
  };
  return Object.assign(client, { session });
}

function headersMiddleware(token: string | undefined): Middleware {
  return {
    onRequest({ request }) {
      // Laravel answers errors as HTML redirects unless the client asks for JSON.
      if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
      if (token !== undefined) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  };
}
