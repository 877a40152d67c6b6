import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';
import { startTestServer } from '../../support/server.js';

const t = useTestServer({ signIn: ['developer'] });

function expectJsonError(reply: { headers: Headers; body: unknown }) {
  expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
  expect(reply.body).toEqual(expect.objectContaining({ message: expect.any(String) }));
}

describe('errors always come in the documented JSON format', () => {
  it('answers malformed JSON with 400', async () => {
    const reply = await t.as.anonymous.request('POST', '/api/v1/auth/login', {
      body: '{"email": "a@b.c", ',
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ message: 'The request body is not valid JSON.' });
  });

  it('answers a body that is not JSON with 415', async () => {
    const reply = await t.as.anonymous.request('POST', '/api/v1/auth/login', {
      body: 'email=a@b.c',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(reply.status).toBe(415);
    expectJsonError(reply);
  });

  it('answers an unknown route with a JSON 404, never an HTML page', async () => {
    for (const path of ['/api/v1/nope', '/api/v2/tracks', '/wp-login.php']) {
      const reply = await t.as.anonymous.request('GET', path);
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ message: 'Not found.' });
    }
  });

  it('answers an undeclared method on a known path with a JSON 405', async () => {
    const reply = await t.as.anonymous.request('DELETE', '/api/v1/tracks');
    expect(reply.status).toBe(405);
    expectJsonError(reply);
  });

  it('reports every invalid field with Laravel messages', async () => {
    const reply = await t.as.anonymous.callUnchecked('register', {
      body: { email: 'not-an-email', password: 123, extra: true },
    });
    expectStatus(reply, 422);
    expect(reply.body.errors).toEqual({
      email: ['The email field must be a valid email address.'],
      password: ['The password field must be a string.'],
      password_confirmation: ['The password_confirmation field is required.'],
      extra: ['The extra field is not allowed.'],
    });
  });

  it("keeps messages within the spec's length when a client invents a very long field name", async () => {
    const field = 'x'.repeat(5000);
    const reply = await t.as.anonymous.request('POST', '/api/v1/auth/login', {
      body: JSON.stringify({ email: 'a@b.c', password: 'secret', [field]: true }),
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(422);
    const body = reply.body as { message: string; errors: Record<string, string[]> };
    expect(body.errors[field]).toEqual([`The ${'x'.repeat(200)}… field is not allowed.`]);
    expect(body.message.length).toBeLessThanOrEqual(1000);
  });

  it('keeps a __proto__ key an ordinary field in the error map', async () => {
    const reply = await t.as.anonymous.request('POST', '/api/v1/auth/login', {
      body: '{"__proto__": {"polluted": true}, "email": "listener@beatpass.test", "password": "x", "token_name": "abc"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(422);
    expect(Object.keys(reply.body.errors)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('checks credentials before the body: 401, not 422', async () => {
    const reply = await t.as.anonymous.callUnchecked('createDeveloperToken', { body: { name: 1 } });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ message: 'Unauthenticated.' });
  });

  it('does not accept a session cookie on a bearer-authenticated request as a CSRF bypass', async () => {
    // The session cookie without its XSRF header, as a cross-site form would send it.
    const reply = await t.as.developer.call('createDeveloperToken', { body: { name: 'sneaky' }, headers: { authorization: 'Bearer 1|nope' }, xsrf: false });
    expect(reply.status).toBe(401);
  });
});

describe('response validation', () => {
  it('turns a handler response that breaks the contract into a logged 500', async () => {
    const broken = await startTestServer({
      handlerOverrides: {
        // An undeclared field in a closed schema, as a buggy handler might send.
        listGenres: async () => ({ status: 200, body: { status: 'success', pagination: { surprise: true } } as never }),
      },
    });
    try {
      const reply = await broken.agent().call('listGenres');
      expect(reply.status).toBe(500);
      expect(reply.body).toEqual({ message: 'Server Error' });
    } finally {
      await broken.close();
    }
  });
});

describe('service routes', () => {
  it('serves /health, /ready and the bundled spec as JSON and YAML', async () => {
    const agent = t.as.anonymous;
    expect((await agent.request('GET', '/health')).body).toEqual({ status: 'ok' });
    expect((await agent.request('GET', '/ready')).status).toBe(200);
    const json = await agent.request('GET', '/openapi.json');
    expect(json.body.openapi).toBe('3.1.0');
    expect(Object.keys(json.body.paths)).toContain('/api/v1/tracks');
    const yaml = await agent.request('GET', '/openapi.yaml');
    expect(yaml.headers.get('content-type')).toMatch(/yaml/);
    expect(yaml.body).toMatch(/^openapi: 3\.1\.0/m);
  });

  it('sets security headers and a request id', async () => {
    const reply = await t.as.anonymous.call('listGenres', { headers: { 'x-request-id': 'trace-me' } });
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('x-request-id')).toBe('trace-me');
    expect(reply.headers.get('x-powered-by')).toBeNull();
  });
});
