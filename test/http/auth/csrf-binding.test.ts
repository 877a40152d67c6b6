// The CSRF token belongs to the session, as in Laravel: X-XSRF-TOKEN must equal the token of
// the session the cookie names. An outside review passed the old check (header equals cookie)
// with any matching pair, planted next to anyone's session cookie.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../server/seed/seed.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';

const t = useTestServer({ signIn: ['listener', 'producer'] });

const newPlaylist = { name: 'CSRF probe' };

describe('CSRF token bound to the session', () => {
  it("refuses a planted cookie and header pair next to a victim's session cookie", async () => {
    const victim = t.as.listener;
    victim.setCookie('XSRF-TOKEN', 'planted-by-someone-else');
    try {
      const reply = await victim.call('createPlaylist', { body: newPlaylist, headers: { 'X-XSRF-TOKEN': 'planted-by-someone-else' } });
      expectStatus(reply, 419);
      expect(reply.body).toEqual({ message: 'CSRF token mismatch.' });
    } finally {
      await victim.call('getCsrfCookie');
    }
    expect((await victim.call('createPlaylist', { body: newPlaylist })).status).toBe(200);
  });

  it("refuses another session's own valid token", async () => {
    const othersToken = decodeURIComponent(t.as.producer.cookie('XSRF-TOKEN')!);
    const reply = await t.as.listener.call('createPlaylist', { body: newPlaylist, headers: { 'X-XSRF-TOKEN': othersToken } });
    expect(reply.status).toBe(419);
  });

  it('refuses a sign-in whose cookie and header match but belong to no session', async () => {
    const agent = t.server.agent();
    agent.setCookie('XSRF-TOKEN', 'made-up');
    const reply = await agent.call('login', { body: { email: 'listener@beatpass.test', password: DEMO_PASSWORD }, headers: { 'X-XSRF-TOKEN': 'made-up' } });
    expect(reply.status).toBe(419);
  });

  it('gives the same token to repeated csrf-cookie calls of one session, so open tabs keep working', async () => {
    const agent = t.server.agent();
    const first = await agent.csrf();
    expect(await agent.csrf()).toBe(first);
    const signedIn = await agent.call('login', { body: { email: 'listener@beatpass.test', password: DEMO_PASSWORD } });
    expect(signedIn.status).toBe(200);
    // Signing in starts a new session with a new token; the old one no longer works.
    expect(await agent.csrf()).not.toBe(first);
    const stale = await agent.call('createPlaylist', { body: newPlaylist, headers: { 'X-XSRF-TOKEN': first } });
    expect(stale.status).toBe(419);
  });

  it('leaves a new guest session at logout, so the next sign-in needs no csrf-cookie call', async () => {
    const agent = await t.server.signIn('listener@beatpass.test');
    expect((await agent.call('logout')).status).toBe(204);
    const again = await agent.call('login', { body: { email: 'listener@beatpass.test', password: DEMO_PASSWORD } });
    expect(again.status).toBe(200);
  });
});
