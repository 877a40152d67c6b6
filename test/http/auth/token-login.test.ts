import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD } from '../../../server/seed/seed.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';

const t = useTestServer();

describe('token sign-in and registration', () => {
  it('returns the user with an access token that works as a bearer token', async () => {
    const reply = await t.as.anonymous.call('loginWithToken', {
      body: { email: 'listener@beatpass.test', password: DEMO_PASSWORD, token_name: 'My phone' },
    });
    expectStatus(reply, 200);
    expect(reply.body.status).toBe('success');
    expect(reply.body.user).toMatchObject({ email: 'listener@beatpass.test', model_type: 'user' });
    expect(reply.body.user.access_token).toMatch(/^\d+\|[A-Za-z0-9_-]{40}$/);

    const bearer = t.server.bearer(reply.body.user.access_token);
    const me = await bearer.call('getUser', { path: { user_id: 'me' } });
    expectStatus(me, 200);
    expect(me.body.user.email).toBe('listener@beatpass.test');
  });

  it('needs no XSRF header for token requests', async () => {
    const login = await t.as.anonymous.call('loginWithToken', {
      body: { email: 'developer@beatpass.test', password: DEMO_PASSWORD, token_name: 'script' },
    });
    expectStatus(login, 200);
    const bearer = t.server.bearer(login.body.user.access_token);
    const created = await bearer.call('createDeveloperToken', { body: { name: 'Another token' } });
    expect(created.status).toBe(201);
  });

  it('refuses a disabled account with 403 and issues no token', async () => {
    const before = await t.server.rows(sql`select count(*)::int as n from developer_tokens`);
    const reply = await t.as.anonymous.call('loginWithToken', {
      body: { email: 'disabled@beatpass.test', password: DEMO_PASSWORD, token_name: 'x-device' },
    });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'This account has been disabled.' });
    expect(await t.server.rows(sql`select count(*)::int as n from developer_tokens`)).toEqual(before);
  });

  it('answers wrong credentials with 422', async () => {
    const reply = await t.as.anonymous.call('loginWithToken', {
      body: { email: 'listener@beatpass.test', password: 'wrong-password', token_name: 'x-device' },
    });
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({
      message: 'These credentials do not match our records.',
      errors: { email: ['These credentials do not match our records.'] },
    });
  });

  it('validates token_name length with a per-field 422', async () => {
    const reply = await t.as.anonymous.call('loginWithToken', {
      body: { email: 'listener@beatpass.test', password: DEMO_PASSWORD, token_name: 'x' },
    });
    expectStatus(reply, 422);
    expect(reply.body.errors).toEqual({ token_name: ['The token_name field must be at least 3 characters.'] });
  });

  it('registers an account, hashes the password with scrypt and returns a token when asked', async () => {
    const reply = await t.as.anonymous.call('register', {
      body: {
        email: 'New.Person@beatpass.test',
        password: 'long-enough-pw',
        password_confirmation: 'long-enough-pw',
        token_name: 'phone',
        username: 'newperson',
      },
    });
    expectStatus(reply, 200);
    expect(reply.body.status).toBe('success');
    expect(reply.body.boostrapData.user).toMatchObject({ email: 'New.Person@beatpass.test', username: 'newperson', developer_access: false });
    const user: { id: number; access_token?: string } = reply.body.boostrapData.user;
    expect(user.access_token).toMatch(/^\d+\|/);
    const stored = await t.server.rows<{ password_hash: string }>(sql`select password_hash from users where email = 'New.Person@beatpass.test'`);
    expect(stored[0]!.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
  });

  it('registers without a token when token_name is absent', async () => {
    const reply = await t.as.anonymous.call('register', {
      body: { email: 'no.token@beatpass.test', password: 'long-enough-pw', password_confirmation: 'long-enough-pw' },
    });
    expectStatus(reply, 200);
    const user: { id: number; access_token?: string } = reply.body.boostrapData.user;
    expect(user.access_token).toBeUndefined();
    expect(reply.body.boostrapData.user.display_name).toBe('no.token');
  });

  it('rejects a taken email (any case), a mismatched confirmation and a short password', async () => {
    const agent = t.as.anonymous;
    const taken = await agent.call('register', {
      body: { email: 'LISTENER@beatpass.test', password: 'long-enough-pw', password_confirmation: 'long-enough-pw' },
    });
    expectStatus(taken, 422);
    expect(taken.body.errors).toEqual({ email: ['The email has already been taken.'] });

    const mismatch = await agent.call('register', {
      body: { email: 'mismatch@beatpass.test', password: 'long-enough-pw', password_confirmation: 'other-password' },
    });
    expectStatus(mismatch, 422);
    expect(mismatch.body.errors).toEqual({ password: ['The password field confirmation does not match.'] });

    const short = await agent.call('register', {
      body: { email: 'short@beatpass.test', password: 'short', password_confirmation: 'short' },
    });
    expectStatus(short, 422);
    expect(short.body.errors.password).toEqual(['The password field must be at least 8 characters.']);
    const rows = await t.server.rows(sql`select count(*)::int as n from users where email in ('mismatch@beatpass.test', 'short@beatpass.test')`);
    expect(rows[0]).toEqual({ n: 0 });
  });
});
