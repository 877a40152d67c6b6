import { describe, expect, it } from 'vitest';
import { empty, fakeFetch, json, type SentRequest } from '../test/client/fake-fetch.js';
import { BeatPassError, createBeatPassClient } from './index.js';

const BASE = 'http://api.test';
const maya = {
  id: 900000001,
  display_name: 'Maya Listener',
  username: 'maya',
  avatar: null,
  model_type: 'user',
  created_at: '2026-01-04T10:15:00.000000Z',
  email: 'listener@beatpass.test',
  two_factor_enabled: false,
  developer_access: false,
};
const credentials = { email: 'listener@beatpass.test', password: 'correct-horse-battery' };

/**
 * A tiny Sanctum: XSRF tokens are URL-encoded in the cookie (like Laravel's), unsafe requests
 * need the decoded token in X-XSRF-TOKEN, and `rotateBeforeNextPost` makes the current token
 * stale so that the next unsafe request gets 419.
 */
function fakeSanctum(options: { staleAnswers?: number } = {}) {
  let tokenNumber = 0;
  let staleAnswers = options.staleAnswers ?? 0;
  const currentToken = () => `tok/${tokenNumber}==`;
  const cookieOf = (request: SentRequest, name: string) =>
    request.headers
      .get('Cookie')
      ?.split('; ')
      .find((pair) => pair.startsWith(`${name}=`))
      ?.slice(name.length + 1);

  const fake = fakeFetch((request) => {
    const route = `${request.method} ${request.url.pathname}`;
    if (route === 'GET /sanctum/csrf-cookie') {
      tokenNumber += 1;
      return empty(204, [['Set-Cookie', `XSRF-TOKEN=${encodeURIComponent(currentToken())}; Path=/; SameSite=Lax`]]);
    }
    if (request.method !== 'GET') {
      if (staleAnswers > 0 || request.headers.get('X-XSRF-TOKEN') !== currentToken()) {
        staleAnswers -= 1;
        return json(419, { message: 'CSRF token mismatch.' });
      }
    }
    if (route === 'POST /login') {
      return json(200, { two_factor: false, user: maya }, [['Set-Cookie', 'beatpass_session=s1; Path=/; HttpOnly; SameSite=Lax']]);
    }
    if (route === 'GET /api/v1/users/me') {
      return cookieOf(request, 'beatpass_session') === 's1' ? json(200, { status: 'success', user: maya }) : json(401, { message: 'Unauthenticated.' });
    }
    if (route === 'POST /logout') {
      return empty(204, [['Set-Cookie', 'beatpass_session=deleted; Path=/; Max-Age=0; HttpOnly']]);
    }
    return json(404, { message: 'Not found.' });
  });
  return { ...fake, cookieOf };
}

describe('session mode', () => {
  it('fetches the XSRF cookie before signing in and echoes it decoded', async () => {
    const server = fakeSanctum();
    const client = createBeatPassClient({ baseUrl: BASE, auth: { mode: 'session' }, fetch: server.fetch });

    const result = await client.POST('/login', { body: credentials });

    expect(result.response.status).toBe(200);
    expect(result.data).toEqual({ two_factor: false, user: maya });
    expect(server.sent.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['GET /sanctum/csrf-cookie', 'POST /login']);
    const login = server.sent[1]!;
    expect(login.headers.get('X-XSRF-TOKEN')).toBe('tok/1==');
    expect(server.cookieOf(login, 'XSRF-TOKEN')).toBe('tok%2F1%3D%3D');
    expect(JSON.parse(login.body)).toEqual(credentials);
    expect(login.headers.get('Accept')).toBe('application/json');
  });

  it('sends the session cookie it was given on later requests, without an XSRF header on GET', async () => {
    const server = fakeSanctum();
    const client = createBeatPassClient({ baseUrl: BASE, auth: { mode: 'session' }, fetch: server.fetch });

    expect(await client.session.login(credentials)).toEqual({ two_factor: false, user: maya });
    const me = await client.GET('/api/v1/users/{user_id}', { params: { path: { user_id: 'me' } } });

    expect(me.response.status).toBe(200);
    expect(me.data).toEqual({ status: 'success', user: maya });
    const get = server.sent.at(-1)!;
    expect(server.cookieOf(get, 'beatpass_session')).toBe('s1');
    expect(get.headers.has('X-XSRF-TOKEN')).toBe(false);
    expect(client.session.cookie('beatpass_session')).toBe('s1');
  });

  it('fetches the XSRF cookie only once while it lasts', async () => {
    const server = fakeSanctum();
    const client = createBeatPassClient({ baseUrl: BASE, auth: { mode: 'session' }, fetch: server.fetch });

    await client.session.login(credentials);
    const logout = await client.POST('/logout');

    expect(logout.response.status).toBe(204);
    expect(server.sent.filter((r) => r.url.pathname === '/sanctum/csrf-cookie')).toHaveLength(1);
    expect(server.sent.at(-1)!.headers.get('X-XSRF-TOKEN')).toBe('tok/1==');
  });

  it('shares one XSRF request between concurrent unsafe requests', async () => {
    const server = fakeSanctum();
    const client = createBeatPassClient({ baseUrl: BASE, auth: { mode: 'session' }, fetch: server.fetch });

    const results = await Promise.all([client.POST('/login', { body: credentials }), client.POST('/login', { body: credentials })]);

    expect(results.map((r) => r.response.status)).toEqual([200, 200]);
    expect(server.sent.filter((r) => r.url.pathname === '/sanctum/csrf-cookie')).toHaveLength(1);
  });

  it('on 419 refreshes the XSRF cookie once and resends the same request', async () => {
    const server = fakeSanctum({ staleAnswers: 1 });
    const client = createBeatPassClient({ baseUrl: BASE, auth: { mode: 'session' }, fetch: server.fetch });

    const result = await client.POST('/login', { body: credentials });

    expect(result.response.status).toBe(200);
    expect(result.data).toEqual({ two_factor: false, user: maya });
    expect(server.sent.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'GET /sanctum/csrf-cookie',
      'POST /login',
      'GET /sanctum/csrf-cookie',
      'POST /login',
    ]);
    const [, first, , retry] = server.sent;
    expect(first!.headers.get('X-XSRF-TOKEN')).toBe('tok/1==');
    expect(retry!.headers.get('X-XSRF-TOKEN')).toBe('tok/2==');
    expect(JSON.parse(retry!.body)).toEqual(credentials);
  });

  it('hands a second 419 to the caller instead of looping', async () => {
    const server = fakeSanctum({ staleAnswers: 5 });
    const client = createBeatPassClient({ baseUrl: BASE, auth: { mode: 'session' }, fetch: server.fetch });

    const result = await client.POST('/login', { body: credentials });

    expect(result.response.status).toBe(419);
    expect(result.error).toEqual({ message: 'CSRF token mismatch.' });
    expect(server.sent).toHaveLength(4);
    await expect(client.session.login(credentials)).rejects.toMatchObject({
      name: 'BeatPassError',
      status: 419,
      body: { message: 'CSRF token mismatch.' },
    });
  });

  it('forgets the session on logout', async () => {
    const server = fakeSanctum();
    const client = createBeatPassClient({ baseUrl: BASE, auth: { mode: 'session' }, fetch: server.fetch });

    await client.session.login(credentials);
    await client.session.logout();
    const me = await client.GET('/api/v1/users/{user_id}', { params: { path: { user_id: 'me' } } });

    expect(client.session.cookie('beatpass_session')).toBeUndefined();
    expect(client.session.cookie('XSRF-TOKEN')).toBeUndefined();
    expect(server.sent.at(-1)!.headers.has('Cookie')).toBe(false);
    expect(me.response.status).toBe(401);
    expect(me.error).toEqual({ message: 'Unauthenticated.' });
  });

  it('surfaces a refused logout as BeatPassError', async () => {
    const fake = fakeFetch((request) =>
      request.url.pathname === '/sanctum/csrf-cookie' ? empty(204, [['Set-Cookie', 'XSRF-TOKEN=abc; Path=/']]) : json(401, { message: 'Unauthenticated.' }),
    );
    const client = createBeatPassClient({ baseUrl: BASE, auth: { mode: 'session' }, fetch: fake.fetch });

    const error = await client.session.logout().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BeatPassError);
    expect(error).toMatchObject({ status: 401, body: { message: 'Unauthenticated.' }, fieldErrors: {} });
  });
});

describe('token and anonymous modes', () => {
  it('sends the bearer token and Accept on every request, and no XSRF dance', async () => {
    const fake = fakeFetch(() => json(200, { status: 'success', user: maya }));
    const client = createBeatPassClient({ baseUrl: `${BASE}/`, auth: { mode: 'token', token: '900000020|secret' }, fetch: fake.fetch });

    await client.GET('/api/v1/users/{user_id}', { params: { path: { user_id: 'me' } } });
    await client.POST('/logout');

    expect(fake.sent.map((r) => r.url.href)).toEqual([`${BASE}/api/v1/users/me`, `${BASE}/logout`]);
    for (const request of fake.sent) {
      expect(request.headers.get('Authorization')).toBe('Bearer 900000020|secret');
      expect(request.headers.get('Accept')).toBe('application/json');
      expect(request.headers.has('X-XSRF-TOKEN')).toBe(false);
    }
  });

  it('sends neither credentials nor cookies when anonymous', async () => {
    const fake = fakeFetch(() => json(200, { status: 'success', pagination: {} }, [['Set-Cookie', 'beatpass_session=x']]));
    const client = createBeatPassClient({ baseUrl: BASE, fetch: fake.fetch });

    await client.GET('/api/v1/tracks', { params: { query: { query: 'dark trap', per_page: 5 } } });
    await client.GET('/api/v1/tracks');

    expect(fake.sent[0]!.url.search).toBe('?query=dark%20trap&per_page=5');
    for (const request of fake.sent) {
      expect(request.headers.has('Authorization')).toBe(false);
      expect(request.headers.has('Cookie')).toBe(false);
      expect(request.headers.get('Accept')).toBe('application/json');
    }
  });

  it('keeps an Accept header the caller chose', async () => {
    const fake = fakeFetch(() => json(200, {}));
    const client = createBeatPassClient({ baseUrl: BASE, fetch: fake.fetch });

    await client.GET('/api/v1/genres', { headers: { Accept: 'application/problem+json' } });

    expect(fake.sent[0]!.headers.get('Accept')).toBe('application/problem+json');
  });
});
