// Regression tests for the bugs the property-based fuzz suite found (test/fuzz).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD } from '../../../server/db/seed.js';
import { Agent } from '../../support/http.js';
import { startTestServer, type TestServer } from '../../support/server.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

describe('inputs the fuzz suite turned into 500s', () => {
  it('answers a bearer token whose id is beyond the id range with 401, not 500', async () => {
    const reply = await new Agent(server.baseUrl, { authorization: `Bearer 2147483648|${'x'.repeat(40)}` }).request('GET', '/api/v1/tracks');
    expect(reply.status).toBe(401);
  });

  it('rejects Infinity and 1e400 in integer path and query parameters with 422', async () => {
    const agent = new Agent(server.baseUrl);
    for (const [path, field] of [['/api/v1/tracks/Infinity', 'track_id'], ['/api/v1/artists/1e400', 'artist_id'], ['/api/v1/genres?page=Infinity', 'page'], ['/api/v1/tracks?per_page=1e400', 'per_page']] as const) {
      const reply = await agent.request('GET', path);
      expect(reply.status, path).toBe(422);
      expect(reply.body.errors[field], path).toEqual([`The ${field} field must be an integer.`]);
    }
  });

  it('rejects NUL characters in queries and bodies with 422 and stores nothing', async () => {
    const agent = new Agent(server.baseUrl);
    const search = await agent.request('GET', '/api/v1/tracks?query=a%00b');
    expect(search.status).toBe(422);
    expect(search.body.errors).toEqual({ query: ['The query field must not contain NUL characters.'] });

    const register = await agent.request('POST', '/api/v1/auth/register', {
      json: { email: 'nul@beatpass.test', password: 'long-enough-pw', password_confirmation: 'long-enough-pw', token_name: 'a\u0000c' },
    });
    expect(register.status).toBe(422);
    expect(register.body.errors).toEqual({ token_name: ['The token_name field must not contain NUL characters.'] });
    expect(await server.rows(sql`select id from users where email = 'nul@beatpass.test'`)).toEqual([]);
  });

  it('reads JSON-looking cookies (j:…) as the plain strings they are', async () => {
    for (const value of ['j:1', 'j:[]', 'j%3A%7B%22a%22%3A1%7D']) {
      const agent = new Agent(server.baseUrl);
      agent.setCookie('beatpass_session', value);
      agent.setCookie('XSRF-TOKEN', value);
      expect((await agent.request('GET', '/api/v1/tracks')).status).toBe(200);
      expect((await agent.request('GET', '/api/v1/users/me')).status).toBe(401);
      const credentials = { email: 'listener@beatpass.test', password: DEMO_PASSWORD };
      const mismatched = await agent.request('POST', '/login', { json: credentials, headers: { 'x-xsrf-token': `${value}x` } });
      expect(mismatched.status).toBe(419);
      // The header echoes the cookie as sent, so the double-submit check passes.
      const echoed = await agent.request('POST', '/login', { json: credentials, headers: { 'x-xsrf-token': decodeURIComponent(value) } });
      expect(echoed.status).toBe(200);
    }
  });
});

describe('statuses the fuzz suite found undeclared', () => {
  it('ignores credentials on routes open to everyone: a bad bearer token does not block sign-in', async () => {
    const reply = await new Agent(server.baseUrl, { authorization: 'Bearer nonsense' }).request('POST', '/api/v1/auth/login', {
      json: { email: 'listener@beatpass.test', password: DEMO_PASSWORD, token_name: 'with stale header' },
    });
    expect(reply.status).toBe(200);
  });

  it('needs no XSRF header for token sign-in even when a session cookie is present', async () => {
    const agent = new Agent(server.baseUrl);
    agent.setCookie('beatpass_session', 'garbage');
    const reply = await agent.request('POST', '/api/v1/auth/login', {
      json: { email: 'listener@beatpass.test', password: DEMO_PASSWORD, token_name: 'from a browser' },
    });
    expect(reply.status).toBe(200);
  });

  it('does not parse a body on operations that take none', async () => {
    const agent = new Agent(server.baseUrl);
    await agent.login('listener@beatpass.test', DEMO_PASSWORD);
    const reply = await agent.request('POST', '/logout', { body: '{', headers: { 'content-type': 'application/json' }, xsrf: true });
    expect(reply.status).toBe(204);
  });

  it('answers bodies over 1 MB with 413', async () => {
    const reply = await new Agent(server.baseUrl).request('POST', '/api/v1/auth/login', {
      json: { email: 'listener@beatpass.test', password: 'x'.repeat(1_100_000), token_name: 'big' },
    });
    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({ message: 'The request body is too large.' });
  });

  it('answers a NUL character in the path with 404, not 500', async () => {
    const reply = await new Agent(server.baseUrl).request('GET', '/api/v1/genres/a%00b');
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'Not found.' });
  });

  it('answers a malformed percent-escape in the path with 404', async () => {
    const reply = await new Agent(server.baseUrl).request('GET', '/api/v1/tracks/%');
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'Not found.' });
  });

  it('accepts reserved characters in search text', async () => {
    const reply = await new Agent(server.baseUrl).request('GET', `/api/v1/tracks?${new URLSearchParams({ query: '(remix)*, dark' })}`);
    expect(reply.status).toBe(200);
  });

  it('names the query for an empty query key', async () => {
    const reply = await new Agent(server.baseUrl).request('GET', '/api/v1/genres?=x');
    expect(reply.status).toBe(422);
    expect(Object.keys(reply.body.errors)).toEqual(['query']);
  });
});
