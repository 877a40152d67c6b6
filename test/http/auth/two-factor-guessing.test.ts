// Two-factor codes cannot be guessed faster by opening more pending sign-ins (an outside review
// got 20 guesses a second from four of them), a code signs in once, and a few wrong codes end
// the pending sign-in.
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { currentTotp } from '../../../server/domains/auth/two-factor.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../../server/seed/seed.js';
import { useTestServer } from '../../support/fixture.js';
import { type Agent, expectStatus } from '../../support/http.js';
import type { TestServer } from '../../support/server.js';

const TWO_FACTOR = 'twofactor@beatpass.test';

/** A new pending sign-in of the two-factor demo account, waiting for its code. */
async function pendingSignIn(server: TestServer): Promise<Agent> {
  const agent = server.agent();
  await agent.call('getCsrfCookie');
  const reply = await agent.call('login', { body: { email: TWO_FACTOR, password: DEMO_PASSWORD } });
  expect(reply.body).toMatchObject({ two_factor: true });
  return agent;
}

/** A six-digit code that is never the current one or a neighbour. */
const wrongCode = () => String((Number(currentTotp(DEMO_TOTP_SECRET)) + 500_000) % 1_000_000).padStart(6, '0');

const sendCode = (agent: Agent, code: string) => agent.call('completeTwoFactorChallenge', { body: { code } });

describe('wrong codes per account', () => {
  const t = useTestServer({ rateLimits: { 'two-factor': 5 } });

  it('counts every pending sign-in of the account together: the sixth code in a minute gets 429', async () => {
    const pending = [];
    for (let i = 0; i < 4; i++) pending.push(await pendingSignIn(t.server));
    const statuses = [];
    for (const agent of pending) {
      for (let i = 0; i < 2; i++) statuses.push((await sendCode(agent, wrongCode())).status);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429, 429, 429]);

    // The right code is refused too while the account is limited.
    const limited = await sendCode(pending[3]!, currentTotp(DEMO_TOTP_SECRET));
    expectStatus(limited, 429);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('5');
  });
});

describe('wrong codes per address', () => {
  const t = useTestServer({ rateLimits: { 'two-factor-address': 3 } });

  it('limits codes from one IP address across accounts and pending sign-ins', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await sendCode(await pendingSignIn(t.server), wrongCode())).status);
    expect(statuses).toEqual([422, 422, 422, 429]);
  });
});

describe('a pending sign-in and its codes', () => {
  const t = useTestServer();
  // Each test starts with no code used yet, as if a minute had passed since the last sign-in.
  beforeEach(async () => {
    await t.server.rows(sql`update users set two_factor_last_step = null where email = ${TWO_FACTOR}`);
  });

  it('ends the pending sign-in at the third wrong code, so the right code no longer signs in', async () => {
    const agent = await pendingSignIn(t.server);
    for (let i = 0; i < 2; i++) expect((await sendCode(agent, wrongCode())).status).toBe(422);
    const third = await sendCode(agent, wrongCode());
    expectStatus(third, 422);
    expect(third.body.errors.code).toEqual(['The provided two factor authentication code was invalid. Too many wrong codes, sign in again.']);

    const right = await sendCode(agent, currentTotp(DEMO_TOTP_SECRET));
    expectStatus(right, 422);
    expect(right.body.errors.code?.[0]).toMatch(/No sign-in is waiting/);

    // Signing in again with the password opens a new pending sign-in that the code completes.
    const again = await pendingSignIn(t.server);
    expect((await sendCode(again, currentTotp(DEMO_TOTP_SECRET))).status).toBe(200);
  });

  it('accepts a TOTP code for one sign-in only, even across pending sign-ins', async () => {
    const code = currentTotp(DEMO_TOTP_SECRET);
    const [first, second] = [await pendingSignIn(t.server), await pendingSignIn(t.server)];
    expect((await sendCode(first!, code)).status).toBe(200);
    const reused = await sendCode(second!, code);
    expectStatus(reused, 422);
    expect(reused.body.errors.code).toEqual(['The provided two factor authentication code was invalid.']);
  });

  it('lets exactly one of two concurrent sign-ins use the same code', async () => {
    const code = currentTotp(DEMO_TOTP_SECRET);
    const agents = [await pendingSignIn(t.server), await pendingSignIn(t.server)];
    const replies = await Promise.all(agents.map((agent) => sendCode(agent, code)));
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 422]);
  });
});
