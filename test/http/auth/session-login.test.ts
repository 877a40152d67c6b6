import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_RECOVERY_CODES, DEMO_TOTP_SECRET } from '../../../server/seed/seed.js';
import { currentTotp } from '../../../server/domains/auth/two-factor.js';
import { sha256 } from '../../../server/http/hash.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent } from '../../support/http.js';
import { sql } from 'drizzle-orm';

const t = useTestServer();

/** The web sign-in: the XSRF cookie, then `login` with the header. */
async function login(agent: Agent, email: string, password: string) {
  await agent.call('getCsrfCookie');
  return agent.call('login', { body: { email, password } });
}
const me = (agent: Agent) => agent.call('getUser', { path: { user_id: 'me' } });

describe('web session sign-in', () => {
  it('sets a readable XSRF-TOKEN cookie with 204', async () => {
    const agent = t.server.agent();
    const reply = await agent.call('getCsrfCookie');
    expect(reply.status).toBe(204);
    expect(reply.body).toBeUndefined();
    const setCookie = reply.headers.getSetCookie().find((c) => c.startsWith('XSRF-TOKEN='));
    expect(setCookie).toBeDefined();
    expect(setCookie).not.toMatch(/HttpOnly/i);
  });

  it('rejects a sign-in without the X-XSRF-TOKEN header with 419', async () => {
    const agent = t.server.agent();
    await agent.call('getCsrfCookie');
    const guest = agent.cookie('beatpass_session');
    const reply = await agent.call('login', { body: { email: 'listener@beatpass.test', password: DEMO_PASSWORD }, xsrf: false });
    expect(reply.status).toBe(419);
    expect(reply.body).toEqual({ message: 'CSRF token mismatch.' });
    // Still the guest session csrf-cookie started, not signed in.
    expect(agent.cookie('beatpass_session')).toBe(guest);
    expect((await me(agent)).status).toBe(401);
  });

  it('rejects a sign-in whose header differs from the cookie with 419', async () => {
    const agent = t.server.agent();
    await agent.call('getCsrfCookie');
    const reply = await agent.call('login', {
      body: { email: 'listener@beatpass.test', password: DEMO_PASSWORD },
      headers: { 'x-xsrf-token': 'forged' },
    });
    expect(reply.status).toBe(419);
  });

  it('signs in, returns the user and an HttpOnly session cookie', async () => {
    const agent = t.server.agent();
    const reply = await login(agent, 'listener@beatpass.test', DEMO_PASSWORD);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ two_factor: false, user: { email: 'listener@beatpass.test', model_type: 'user' } });
    expect(reply.headers.getSetCookie().find((c) => c.startsWith('beatpass_session='))).toMatch(/HttpOnly/);
    const mine = await me(agent);
    expectStatus(mine, 200);
    expect(mine.body.user.email).toBe('listener@beatpass.test');
  });

  it('answers wrong credentials with 422 and the same message for unknown emails', async () => {
    const agent = t.server.agent();
    await agent.call('getCsrfCookie');
    const wrong = await agent.call('login', { body: { email: 'listener@beatpass.test', password: 'nope-nope' } });
    const unknown = await agent.call('login', { body: { email: 'nobody@beatpass.test', password: 'nope-nope' } });
    for (const reply of [wrong, unknown]) {
      expect(reply.status).toBe(422);
      expect(reply.body).toEqual({
        message: 'These credentials do not match our records.',
        errors: { email: ['These credentials do not match our records.'] },
      });
    }
  });

  it('refuses a disabled account with 403', async () => {
    const agent = t.server.agent();
    const reply = await login(agent, 'disabled@beatpass.test', DEMO_PASSWORD);
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'This account has been disabled.' });
  });

  it('rotates the session id at sign-in, so a planted pre-login session is worthless', async () => {
    const agent = t.server.agent();
    await login(agent, 'listener@beatpass.test', DEMO_PASSWORD);
    const first = agent.cookie('beatpass_session')!;
    await login(agent, 'listener@beatpass.test', DEMO_PASSWORD);
    const second = agent.cookie('beatpass_session')!;
    expect(second).not.toBe(first);

    const stale = t.server.agent();
    stale.setCookie('beatpass_session', first);
    expect((await me(stale)).status).toBe(401);
  });

  it('ends the session on the server at logout, for every copy of the cookie', async () => {
    const agent = t.server.agent();
    await login(agent, 'listener@beatpass.test', DEMO_PASSWORD);
    const copy = t.server.agent();
    const cookie = agent.cookie('beatpass_session')!;
    copy.setCookie('beatpass_session', cookie);

    expect((await agent.call('logout', { xsrf: false })).status).toBe(419);
    const reply = await agent.call('logout');
    expect(reply.status).toBe(204);
    // The cookie now names a new guest session, signed in as nobody.
    expect(agent.cookie('beatpass_session')).not.toBe(cookie);
    expect((await me(agent)).status).toBe(401);
    expect((await me(copy)).status).toBe(401);
    const rows = await t.server.rows(sql`select id from sessions where id = ${sha256(decodeURIComponent(cookie))}`);
    expect(rows).toEqual([]);
  });

  it('answers logout without a session with 401', async () => {
    const agent = t.server.agent();
    await agent.call('getCsrfCookie');
    const reply = await agent.call('logout');
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ message: 'Unauthenticated.' });
  });

  it('stores only a hash of the session secret', async () => {
    const agent = t.server.agent();
    await login(agent, 'listener@beatpass.test', DEMO_PASSWORD);
    const secret = decodeURIComponent(agent.cookie('beatpass_session')!);
    const found = await t.server.rows(sql`select id from sessions where id = ${sha256(secret)} or id = ${secret}`);
    expect(found).toEqual([{ id: sha256(secret) }]);
  });
});

describe('two-factor sign-in', () => {
  it('asks for the code, then signs in with a valid TOTP code', async () => {
    const agent = t.server.agent();
    const first = await login(agent, 'twofactor@beatpass.test', DEMO_PASSWORD);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ two_factor: true, message: 'Two factor authentication required' });
    expect((await me(agent)).status).toBe(401);

    const pending = agent.cookie('beatpass_session');
    const reply = await agent.call('completeTwoFactorChallenge', { body: { code: currentTotp(DEMO_TOTP_SECRET) } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ two_factor: false, user: { email: 'twofactor@beatpass.test', two_factor_enabled: true } });
    expect(agent.cookie('beatpass_session')).not.toBe(pending);
    expect((await me(agent)).status).toBe(200);
  });

  it('rejects a wrong code with 422 and keeps the sign-in pending', async () => {
    const agent = t.server.agent();
    await login(agent, 'twofactor@beatpass.test', DEMO_PASSWORD);
    const wrong = String((Number(currentTotp(DEMO_TOTP_SECRET)) + 500_000) % 1_000_000).padStart(6, '0');
    const reply = await agent.call('completeTwoFactorChallenge', { body: { code: wrong } });
    expectStatus(reply, 422);
    expect(reply.body.errors.code).toEqual(['The provided two factor authentication code was invalid.']);
    expect((await me(agent)).status).toBe(401);
  });

  it('accepts a recovery code once only', async () => {
    const code = DEMO_RECOVERY_CODES[0]!;
    const agent = t.server.agent();
    await login(agent, 'twofactor@beatpass.test', DEMO_PASSWORD);
    const ok = await agent.call('completeTwoFactorChallenge', { body: { recovery_code: code } });
    expect(ok.status).toBe(200);

    const again = t.server.agent();
    await login(again, 'twofactor@beatpass.test', DEMO_PASSWORD);
    const reused = await again.call('completeTwoFactorChallenge', { body: { recovery_code: code } });
    expectStatus(reused, 422);
    expect(reused.body.errors.recovery_code).toEqual(['The provided two factor recovery code was invalid.']);
  });

  it('answers a challenge with no pending sign-in with 422', async () => {
    const agent = t.server.agent();
    await agent.call('getCsrfCookie');
    const reply = await agent.call('completeTwoFactorChallenge', { body: { code: '123456' } });
    expectStatus(reply, 422);
    expect(reply.body.errors.code?.[0]).toMatch(/No sign-in is waiting/);
  });

  it('refuses token sign-in for a two-factor account', async () => {
    const reply = await t.as.anonymous.call('loginWithToken', {
      body: { email: 'twofactor@beatpass.test', password: DEMO_PASSWORD, token_name: 'cli' },
    });
    expectStatus(reply, 422);
    expect(reply.body.errors.email?.[0]).toMatch(/two-factor/);
  });
});
