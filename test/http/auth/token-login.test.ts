import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD } from '../../../server/db/seed.js';
import { Agent } from '../../support/http.js';
import { startTestServer, type TestServer } from '../../support/server.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

describe('token sign-in and registration', () => {
  it('returns the user with an access token that works as a bearer token', async () => {
    const agent = new Agent(server.baseUrl);
    const reply = await agent.request('POST', '/api/v1/auth/login', {
      json: { email: 'listener@beatpass.test', password: DEMO_PASSWORD, token_name: 'My phone' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('success');
    expect(reply.body.user).toMatchObject({ email: 'listener@beatpass.test', model_type: 'user' });
    expect(reply.body.user.access_token).toMatch(/^\d+\|[A-Za-z0-9_-]{40}$/);

    const bearer = new Agent(server.baseUrl, { authorization: `Bearer ${reply.body.user.access_token}` });
    const me = await bearer.request('GET', '/api/v1/users/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('listener@beatpass.test');
  });

  it('needs no XSRF header for token requests', async () => {
    const agent = new Agent(server.baseUrl);
    const login = await agent.request('POST', '/api/v1/auth/login', {
      json: { email: 'developer@beatpass.test', password: DEMO_PASSWORD, token_name: 'script' },
    });
    const bearer = new Agent(server.baseUrl, { authorization: `Bearer ${login.body.user.access_token}` });
    const created = await bearer.request('POST', '/api/v1/developer-tokens', { json: { name: 'Another token' } });
    expect(created.status).toBe(201);
  });

  it('refuses a disabled account with 403 and issues no token', async () => {
    const before = await server.rows(sql`select count(*)::int as n from developer_tokens`);
    const reply = await new Agent(server.baseUrl).request('POST', '/api/v1/auth/login', {
      json: { email: 'disabled@beatpass.test', password: DEMO_PASSWORD, token_name: 'x-device' },
    });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'This account has been disabled.' });
    expect(await server.rows(sql`select count(*)::int as n from developer_tokens`)).toEqual(before);
  });

  it('answers wrong credentials with 422', async () => {
    const reply = await new Agent(server.baseUrl).request('POST', '/api/v1/auth/login', {
      json: { email: 'listener@beatpass.test', password: 'wrong-password', token_name: 'x-device' },
    });
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({
      message: 'These credentials do not match our records.',
      errors: { email: ['These credentials do not match our records.'] },
    });
  });

  it('validates token_name length with a per-field 422', async () => {
    const reply = await new Agent(server.baseUrl).request('POST', '/api/v1/auth/login', {
      json: { email: 'listener@beatpass.test', password: DEMO_PASSWORD, token_name: 'x' },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual({ token_name: ['The token_name field must be at least 3 characters.'] });
  });

  it('registers an account, hashes the password with scrypt and returns a token when asked', async () => {
    const agent = new Agent(server.baseUrl);
    const reply = await agent.request('POST', '/api/v1/auth/register', {
      json: { email: 'New.Person@beatpass.test', password: 'long-enough-pw', password_confirmation: 'long-enough-pw', token_name: 'phone', username: 'newperson' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('success');
    expect(reply.body.boostrapData.user).toMatchObject({ email: 'New.Person@beatpass.test', username: 'newperson', developer_access: false });
    expect(reply.body.boostrapData.user.access_token).toMatch(/^\d+\|/);
    const stored = await server.rows(sql`select password_hash from users where email = 'New.Person@beatpass.test'`);
    expect((stored[0] as { password_hash: string }).password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
  });

  it('registers without a token when token_name is absent', async () => {
    const reply = await new Agent(server.baseUrl).request('POST', '/api/v1/auth/register', {
      json: { email: 'no.token@beatpass.test', password: 'long-enough-pw', password_confirmation: 'long-enough-pw' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.boostrapData.user.access_token).toBeUndefined();
    expect(reply.body.boostrapData.user.display_name).toBe('no.token');
  });

  it('rejects a taken email (any case), a mismatched confirmation and a short password', async () => {
    const agent = new Agent(server.baseUrl);
    const taken = await agent.request('POST', '/api/v1/auth/register', {
      json: { email: 'LISTENER@beatpass.test', password: 'long-enough-pw', password_confirmation: 'long-enough-pw' },
    });
    expect(taken.status).toBe(422);
    expect(taken.body.errors).toEqual({ email: ['The email has already been taken.'] });

    const mismatch = await agent.request('POST', '/api/v1/auth/register', {
      json: { email: 'mismatch@beatpass.test', password: 'long-enough-pw', password_confirmation: 'other-password' },
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors).toEqual({ password: ['The password field confirmation does not match.'] });

    const short = await agent.request('POST', '/api/v1/auth/register', {
      json: { email: 'short@beatpass.test', password: 'short', password_confirmation: 'short' },
    });
    expect(short.status).toBe(422);
    expect(short.body.errors.password).toEqual(['The password field must be at least 8 characters.']);
    const rows = await server.rows(sql`select count(*)::int as n from users where email in ('mismatch@beatpass.test', 'short@beatpass.test')`);
    expect(rows[0]).toEqual({ n: 0 });
  });
});
