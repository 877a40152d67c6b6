import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../server/db/seed.js';
import { Agent } from '../../support/http.js';
import { startTestServer, type TestServer } from '../../support/server.js';

let server: TestServer;
let listener: Agent;
beforeAll(async () => {
  server = await startTestServer();
  listener = await server.signIn('listener@beatpass.test');
});
afterAll(async () => { await server.close(); });

const playsOf = async (id: number) => (await server.rows<{ plays: number }>(sql`select plays from tracks where id = ${id}`))[0]!.plays;

describe('logging plays', () => {
  it('counts a play once per idempotency key and returns the same token', async () => {
    const before = await playsOf(3);
    const key = randomUUID();
    const first = await listener.request('POST', '/api/v1/tracks/plays/3/log', { json: { idempotency_key: key, position: 0 }, xsrf: true });
    expect(first.status).toBe(200);
    expect(first.body.play_token).toMatch(/^pt_/);
    const again = await listener.request('POST', '/api/v1/tracks/plays/3/log', { json: { idempotency_key: key }, xsrf: true });
    expect(again.body.play_token).toBe(first.body.play_token);
    expect(await playsOf(3)).toBe(before + 1);

    const shown = await listener.request('GET', '/api/v1/tracks/3');
    expect(shown.body.track.plays).toBe(before + 1);
  });

  it('counts the same key once even when sent concurrently', async () => {
    const before = await playsOf(4);
    const key = randomUUID();
    const replies = await Promise.all(Array.from({ length: 8 }, () => listener.request('POST', '/api/v1/tracks/plays/4/log', { json: { idempotency_key: key }, xsrf: true })));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(new Set(replies.map((r) => r.body.play_token)).size).toBe(1);
    expect(await playsOf(4)).toBe(before + 1);
  });

  it('counts every play without a key', async () => {
    const before = await playsOf(5);
    await listener.request('POST', '/api/v1/tracks/plays/5/log', { xsrf: true });
    await listener.request('POST', '/api/v1/tracks/plays/5/log', { json: {}, xsrf: true });
    expect(await playsOf(5)).toBe(before + 2);
  });

  it('does not hand one listener\'s play token to another who reuses the key', async () => {
    const key = randomUUID();
    await listener.request('POST', '/api/v1/tracks/plays/6/log', { json: { idempotency_key: key }, xsrf: true });
    const other = new Agent(server.baseUrl);
    await other.login('producer@beatpass.test', DEMO_PASSWORD);
    const reply = await other.request('POST', '/api/v1/tracks/plays/6/log', { json: { idempotency_key: key }, xsrf: true });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual({ idempotency_key: ['The idempotency key has already been used.'] });
  });

  it('needs sign-in on the current route and accepts anonymous plays on the older one', async () => {
    const anon = new Agent(server.baseUrl);
    expect((await anon.request('POST', '/api/v1/tracks/plays/7/log', { json: {} })).status).toBe(401);
    const before = await playsOf(7);
    const reply = await anon.request('POST', '/api/v1/tracks/7/plays', { json: { idempotency_key: randomUUID() } });
    expect(reply.status).toBe(200);
    expect(await playsOf(7)).toBe(before + 1);
  });

  it('validates the body and the track', async () => {
    const bad = await listener.request('POST', '/api/v1/tracks/plays/3/log', { json: { idempotency_key: 'nope', position: -1 }, xsrf: true });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['idempotency_key', 'position']);
    expect((await listener.request('POST', '/api/v1/tracks/plays/999999/log', { json: {}, xsrf: true })).status).toBe(404);
  });
});

describe('listened time and engagement', () => {
  it('records listened time that only grows and reports it in the metrics', async () => {
    const [track] = await server.rows<{ id: number; duration_ms: number }>(sql`select id, duration_ms from tracks where id = 8`);
    const log = await listener.request('POST', '/api/v1/tracks/plays/8/log', { json: { idempotency_key: randomUUID() }, xsrf: true });
    const token = log.body.play_token;
    const update = (ms: number) => listener.request('POST', '/api/v1/tracks/plays/8/update-duration', { json: { play_token: token, listened_ms: ms }, xsrf: true });
    expect((await update(track!.duration_ms)).status).toBe(200);
    expect((await update(1000)).status).toBe(200);
    const [play] = await server.rows<{ listened_ms: number }>(sql`select listened_ms from plays where play_token = ${token}`);
    expect(play!.listened_ms).toBe(track!.duration_ms);

    const metrics = await listener.request('GET', '/api/v1/tracks/8/engagement-metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body.metrics).toMatchObject({ unique_listeners: 1, average_listen_ms: track!.duration_ms, completion_rate: 1 });
  });

  it('answers an unknown play token with 404', async () => {
    const reply = await listener.request('POST', '/api/v1/tracks/plays/8/update-duration', { json: { play_token: 'pt_unknown', listened_ms: 5 }, xsrf: true });
    expect(reply.status).toBe(404);
  });

  it('answers a revoked or unknown bearer token with 401, even though anonymous plays are accepted', async () => {
    const reply = await new Agent(server.baseUrl).request('POST', '/api/v1/tracks/plays/8/update-duration', {
      json: { play_token: 'pt_unknown', listened_ms: 5 }, headers: { authorization: 'Bearer 1|not-a-token' },
    });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ message: 'Unauthenticated.' });
  });
});
