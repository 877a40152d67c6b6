// Two instances of the app on one PostgreSQL database and one Redis, as production runs
// them behind a load balancer: whatever one instance does, the other must see.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD, DEMO_RECOVERY_CODES, seedDemoData } from '../../server/seed/seed.js';
import { Agent } from '../support/http.js';
import { publishBody, upload } from '../http/tracks/support.js';
import { createScratchDatabase } from '../support/postgres.js';
import { startInstance, type Instance } from './support/instance.js';
import { REDIS_URL, deleteKeys, servicesAvailable, uniqueKeyPrefix } from './support/services.js';

const available = await servicesAvailable();

describe.runIf(available)('two instances on the same PostgreSQL and Redis', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let a: Instance;
  let b: Instance;
  const keyPrefix = uniqueKeyPrefix();
  const password = 'long-enough-pw';

  const rows = async <T>(query: ReturnType<typeof sql>) => ((await a.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  const register = (instance: Instance, json: Record<string, unknown>) =>
    new Agent(instance.baseUrl).request('POST', '/api/v1/auth/register', { json: { password, password_confirmation: password, ...json } });

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    // Small limits for the groups these tests count; the api group stays generous.
    const rateLimits = { register: 1_000, login: 4 };
    a = await startInstance({
      databaseUrl: scratch.url,
      redisUrl: REDIS_URL,
      keyPrefix,
      rateLimits,
      database: { prepare: (db) => seedDemoData(db, { tracks: 5 }).then(() => {}) },
    });
    b = await startInstance({ databaseUrl: scratch.url, redisUrl: REDIS_URL, keyPrefix, rateLimits });
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await scratch?.drop();
    await deleteKeys(keyPrefix);
  });

  it('answers /ready on both (database and Redis reachable)', async () => {
    for (const instance of [a, b]) {
      const reply = await new Agent(instance.baseUrl).request('GET', '/ready');
      expect(reply.status).toBe(200);
    }
  });

  it('accepts on one instance a session cookie created on the other, and ends it on both at logout', async () => {
    const onA = new Agent(a.baseUrl);
    expect((await onA.login('listener@beatpass.test', DEMO_PASSWORD)).status).toBe(200);
    const onB = new Agent(b.baseUrl);
    for (const name of ['beatpass_session', 'XSRF-TOKEN']) {
      const value = onA.cookie(name);
      expect(value, name).toBeDefined();
      onB.setCookie(name, value!);
    }
    const me = await onB.request('GET', '/api/v1/users/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('listener');

    // Logging out through B ends the session A issued, on A too.
    expect((await onB.request('POST', '/logout')).status).toBe(204);
    const stale = new Agent(a.baseUrl);
    stale.setCookie('beatpass_session', onA.cookie('beatpass_session')!);
    expect((await stale.request('GET', '/api/v1/users/me')).status).toBe(401);
  });

  it('counts a rate limit across both instances (login: 4 a minute per email and IP)', async () => {
    const attempt = (instance: Instance) =>
      new Agent(instance.baseUrl).request('POST', '/api/v1/auth/login', {
        json: { email: 'nobody@beatpass.test', password: 'wrong-password', token_name: 'x' },
      });
    const statuses = [];
    for (const instance of [a, b, a, b]) statuses.push((await attempt(instance)).status);
    expect(statuses).toEqual([422, 422, 422, 422]);
    // The fifth attempt is refused wherever it lands.
    for (const instance of [a, b]) {
      const refused = await attempt(instance);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    }
  });

  it('refuses on one instance a developer token revoked through the other, on its next call', async () => {
    const created = await register(a, { email: 'revoker@beatpass.test', token_name: 'cli' });
    expect(created.status).toBe(200);
    const token: string = created.body.boostrapData.user.access_token;
    const bearerA = new Agent(a.baseUrl, { authorization: `Bearer ${token}` });
    const bearerB = new Agent(b.baseUrl, { authorization: `Bearer ${token}` });
    expect((await bearerB.request('GET', '/api/v1/users/me')).status).toBe(200);

    const id = token.split('|')[0];
    expect((await bearerA.request('DELETE', `/api/v1/developer-tokens/${id}`)).status).toBe(204);
    expect((await bearerB.request('GET', '/api/v1/users/me')).status).toBe(401);
    expect((await bearerA.request('GET', '/api/v1/users/me')).status).toBe(401);
  });

  it('registers an email once when both instances get it at the same time', async () => {
    for (let round = 0; round < 5; round++) {
      const email = `race${round}@beatpass.test`;
      // Different case on each side: the unique index is on lower(email).
      const replies = await Promise.all([register(a, { email }), register(b, { email: email.toUpperCase() })]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 422]);
      const loser = replies.find((r) => r.status === 422)!;
      expect(loser.body.errors).toEqual({ email: ['The email has already been taken.'] });
      const stored = await rows<{ n: number }>(sql`select count(*)::int as n from users where lower(email) = ${email}`);
      expect(stored[0]!.n).toBe(1);
    }
  });

  it('gives a username to one account only when both instances register it at the same time', async () => {
    for (let round = 0; round < 5; round++) {
      const username = `racer${round}`;
      const replies = await Promise.all([
        register(a, { email: `u${round}a@beatpass.test`, username }),
        register(b, { email: `u${round}b@beatpass.test`, username: username.toUpperCase() }),
      ]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 422]);
      expect(replies.find((r) => r.status === 422)!.body.errors).toEqual({ username: ['The username has already been taken.'] });
      const stored = await rows<{ n: number }>(sql`select count(*)::int as n from users where lower(username) = ${username}`);
      expect(stored[0]!.n).toBe(1);
    }
  });

  it('accepts a two-factor recovery code once when it is sent to both instances at the same time', async () => {
    // Each instance holds its own pending sign-in for the two-factor account.
    const onA = new Agent(a.baseUrl);
    const onB = new Agent(b.baseUrl);
    for (const agent of [onA, onB]) {
      const reply = await agent.login('twofactor@beatpass.test', DEMO_PASSWORD);
      expect((reply.body as { two_factor: boolean }).two_factor).toBe(true);
    }
    const code = DEMO_RECOVERY_CODES[0]!;
    const replies = await Promise.all([onA, onB].map((agent) => agent.request('POST', '/two-factor-challenge', { json: { recovery_code: code } })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 422]);
  });

  it('counts the same play once when both instances log it with the same idempotency key at the same time', async () => {
    const [track] = await rows<{ id: number; plays: number }>(sql`select id, plays from tracks order by id limit 1`);
    const listeners = await Promise.all(
      [a, b].map(async (instance) => {
        const agent = new Agent(instance.baseUrl);
        await agent.login('listener@beatpass.test', DEMO_PASSWORD);
        return agent;
      }),
    );
    for (let round = 0; round < 5; round++) {
      const key = randomUUID();
      const replies = await Promise.all(
        listeners.flatMap((agent) => [1, 2].map(() => agent.request('POST', `/api/v1/tracks/plays/${track!.id}/log`, { json: { idempotency_key: key } }))),
      );
      expect(replies.every((r) => r.status === 200)).toBe(true);
      expect(new Set(replies.map((r) => r.body.play_token)).size).toBe(1);
    }
    const [after] = await rows<{ plays: number }>(sql`select plays from tracks where id = ${track!.id}`);
    expect(after!.plays).toBe(track!.plays + 5);
  });

  it('publishes a track name once when both instances get it at the same time', async () => {
    const producers = await Promise.all(
      [a, b].map(async (instance) => {
        const agent = new Agent(instance.baseUrl);
        await agent.login('producer@beatpass.test', DEMO_PASSWORD);
        return agent;
      }),
    );
    const uploads = await Promise.all(producers.map((agent) => upload(agent, 'race.wav')));
    const name = `Race Condition ${randomUUID()}`;
    const replies = await Promise.all(producers.map((agent, i) => agent.request('POST', '/api/v1/tracks', { json: publishBody(uploads[i]!.id, { name }) })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(replies.find((r) => r.status === 422)!.body.errors).toEqual({ name: ['The name has already been taken.'] });
    const stored = await rows<{ n: number }>(sql`select count(*)::int as n from tracks where lower(name) = lower(${name})`);
    expect(stored[0]!.n).toBe(1);
  });

  it('creates one artist profile for an account when both instances get a create at the same time', async () => {
    for (let round = 0; round < 5; round++) {
      const email = `artist-race${round}@beatpass.test`;
      const created = await register(a, { email, token_name: 'cli' });
      expect(created.status).toBe(200);
      const authorization = `Bearer ${created.body.boostrapData.user.access_token}`;
      const replies = await Promise.all(
        [a, b].map((instance, i) =>
          new Agent(instance.baseUrl, { authorization }).request('POST', '/api/v1/artists', { json: { name: `Racer ${round}.${i}` } }),
        ),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([200, 403]);
      expect(replies.find((r) => r.status === 403)!.body).toEqual({ message: 'You already manage an artist profile.' });
      const stored = await rows<{ n: number }>(sql`select count(*)::int as n from artists a join users u on u.id = a.user_id where u.email = ${email}`);
      expect(stored[0]!.n).toBe(1);
    }
  });
});
