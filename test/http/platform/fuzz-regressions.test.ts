// Regression tests for the bugs the property-based fuzz suite found (test/fuzz).
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD } from '../../../server/seed/seed.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent, type UncheckedCallInput } from '../../support/http.js';

const t = useTestServer();

describe('inputs the fuzz suite turned into 500s', () => {
  it('answers a bearer token whose id is beyond the id range with 401, not 500', async () => {
    const reply = await t.server.bearer(`2147483648|${'x'.repeat(40)}`).call('listTracks');
    expect(reply.status).toBe(401);
  });

  it('rejects Infinity and 1e400 in integer path and query parameters with 422', async () => {
    const agent = t.as.anonymous;
    const cases: [Parameters<Agent['callUnchecked']>[0], UncheckedCallInput, string][] = [
      ['getTrack', { path: { track_id: 'Infinity' } }, 'track_id'],
      ['getArtist', { path: { artist_id: '1e400' } }, 'artist_id'],
      ['listGenres', { query: { page: 'Infinity' } }, 'page'],
      ['listTracks', { query: { per_page: '1e400' } }, 'per_page'],
    ];
    for (const [operationId, input, field] of cases) {
      const reply = await agent.callUnchecked(operationId, input);
      expectStatus(reply, 422);
      expect(reply.body, operationId).toMatchObject({ errors: { [field]: [`The ${field} field must be an integer.`] } });
    }
  });

  it('rejects NUL characters in queries and bodies with 422 and stores nothing', async () => {
    const agent = t.as.anonymous;
    const search = await agent.call('listTracks', { query: { query: 'a\u0000b' } });
    expectStatus(search, 422);
    expect(search.body.errors).toEqual({ query: ['The query field must not contain NUL characters.'] });

    const register = await agent.call('register', {
      body: { email: 'nul@beatpass.test', password: 'long-enough-pw', password_confirmation: 'long-enough-pw', token_name: 'a\u0000c' },
    });
    expectStatus(register, 422);
    expect(register.body.errors).toEqual({ token_name: ['The token_name field must not contain NUL characters.'] });
    expect(await t.server.rows(sql`select id from users where email = 'nul@beatpass.test'`)).toEqual([]);
  });

  it('reads JSON-looking cookies (j:…) as the plain strings they are', async () => {
    for (const value of ['j:1', 'j:[]', 'j%3A%7B%22a%22%3A1%7D']) {
      const agent = t.server.agent();
      agent.setCookie('beatpass_session', value);
      agent.setCookie('XSRF-TOKEN', value);
      expect((await agent.call('listTracks')).status).toBe(200);
      expect((await agent.call('getUser', { path: { user_id: 'me' } })).status).toBe(401);
      const credentials = { email: 'listener@beatpass.test', password: DEMO_PASSWORD };
      const mismatched = await agent.call('login', { body: credentials, headers: { 'x-xsrf-token': `${value}x` } });
      expect(mismatched.status).toBe(419);
      // Echoing the cookie is not enough: the token must be a live session's, and none is.
      const echoed = await agent.call('login', { body: credentials, headers: { 'x-xsrf-token': decodeURIComponent(value) } });
      expect(echoed.status).toBe(419);
    }
  });
});

describe('statuses the fuzz suite found undeclared', () => {
  it('ignores credentials on routes open to everyone: a bad bearer token does not block sign-in', async () => {
    const reply = await t.server.agent({ authorization: 'Bearer nonsense' }).call('loginWithToken', {
      body: { email: 'listener@beatpass.test', password: DEMO_PASSWORD, token_name: 'with stale header' },
    });
    expect(reply.status).toBe(200);
  });

  it('needs no XSRF header for token sign-in even when a session cookie is present', async () => {
    const agent = t.server.agent();
    agent.setCookie('beatpass_session', 'garbage');
    const reply = await agent.call('loginWithToken', {
      body: { email: 'listener@beatpass.test', password: DEMO_PASSWORD, token_name: 'from a browser' },
    });
    expect(reply.status).toBe(200);
  });

  it('does not parse a body on operations that take none', async () => {
    const agent = await t.server.signIn('listener@beatpass.test');
    // A raw, unparsable body on an operation that declares none.
    const reply = await agent.request('POST', '/logout', { body: '{', headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(204);
  });

  it('answers bodies over 1 MB with 413', async () => {
    const reply = await t.as.anonymous.call('loginWithToken', {
      body: { email: 'listener@beatpass.test', password: 'x'.repeat(1_100_000), token_name: 'big' },
    });
    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({ message: 'The request body is too large.' });
  });

  it('answers a NUL character in the path with 404, not 500', async () => {
    const reply = await t.as.anonymous.call('getGenre', { path: { genre_name: 'a\u0000b' } });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'Not found.' });
  });

  it('answers a malformed percent-escape in the path with 404', async () => {
    // A target no call can produce: '%' alone is not an escape.
    const reply = await t.as.anonymous.request('GET', '/api/v1/tracks/%');
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'Not found.' });
  });

  it('accepts reserved characters in search text', async () => {
    const reply = await t.as.anonymous.call('listTracks', { query: { query: '(remix)*, dark' } });
    expect(reply.status).toBe(200);
  });

  it('names the query for an empty query key', async () => {
    // A raw query string with an empty key, which no call sends.
    const reply = await t.as.anonymous.request('GET', '/api/v1/genres?=x');
    expect(reply.status).toBe(422);
    expect(Object.keys(reply.body.errors)).toEqual(['query']);
  });
});
