import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';

const t = useTestServer({ signIn: ['listener', 'producer'] });

const playsOf = async (id: number) => (await t.server.rows<{ plays: number }>(sql`select plays from tracks where id = ${id}`))[0]!.plays;

describe('logging plays', () => {
  it('counts a play once per idempotency key and returns the same token', async () => {
    const before = await playsOf(3);
    const key = randomUUID();
    const first = await t.as.listener.call('logTrackPlay', { path: { track_id: 3 }, body: { idempotency_key: key, position: 0 } });
    expectStatus(first, 200);
    expect(first.body.play_token).toMatch(/^pt_/);
    const again = await t.as.listener.call('logTrackPlay', { path: { track_id: 3 }, body: { idempotency_key: key } });
    expectStatus(again, 200);
    expect(again.body.play_token).toBe(first.body.play_token);
    expect(await playsOf(3)).toBe(before + 1);

    const shown = await t.as.listener.call('getTrack', { path: { track_id: 3 } });
    expectStatus(shown, 200);
    const { track } = shown.body;
    expect('plays' in track ? track.plays : undefined).toBe(before + 1);
  });

  it('counts the same key once even when sent concurrently', async () => {
    const before = await playsOf(4);
    const key = randomUUID();
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => t.as.listener.call('logTrackPlay', { path: { track_id: 4 }, body: { idempotency_key: key } })),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const tokens = replies.map((r) => {
      expectStatus(r, 200);
      return r.body.play_token;
    });
    expect(new Set(tokens).size).toBe(1);
    expect(await playsOf(4)).toBe(before + 1);
  });

  it('counts every play without a key', async () => {
    const before = await playsOf(5);
    await t.as.listener.call('logTrackPlay', { path: { track_id: 5 } });
    await t.as.listener.call('logTrackPlay', { path: { track_id: 5 }, body: {} });
    expect(await playsOf(5)).toBe(before + 2);
  });

  it("does not hand one listener's play token to another who reuses the key", async () => {
    const key = randomUUID();
    await t.as.listener.call('logTrackPlay', { path: { track_id: 6 }, body: { idempotency_key: key } });
    const reply = await t.as.producer.call('logTrackPlay', { path: { track_id: 6 }, body: { idempotency_key: key } });
    expectStatus(reply, 422);
    expect(reply.body.errors).toEqual({ idempotency_key: ['The idempotency key has already been used.'] });
  });

  it('needs sign-in on the current route and accepts anonymous plays on the older one', async () => {
    const anon = t.server.agent();
    expect((await anon.call('logTrackPlay', { path: { track_id: 7 }, body: {} })).status).toBe(401);
    const before = await playsOf(7);
    const reply = await anon.call('recordTrackPlay', { path: { track_id: 7 }, body: { idempotency_key: randomUUID() } });
    expect(reply.status).toBe(200);
    expect(await playsOf(7)).toBe(before + 1);
  });

  it('validates the body and the track', async () => {
    const bad = await t.as.listener.call('logTrackPlay', { path: { track_id: 3 }, body: { idempotency_key: 'nope', position: -1 } });
    expectStatus(bad, 422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['idempotency_key', 'position']);
    expect((await t.as.listener.call('logTrackPlay', { path: { track_id: 999999 }, body: {} })).status).toBe(404);
  });
});

describe('listened time and engagement', () => {
  it('records listened time that only grows and reports it in the metrics', async () => {
    // A track nobody has played yet, so the metrics are this play's alone.
    const [track] = await t.server.rows<{ id: number; duration_ms: number }>(
      sql`select id, duration_ms from tracks t where not exists (select 1 from plays p where p.track_id = t.id) order by id limit 1`,
    );
    const log = await t.as.listener.call('logTrackPlay', { path: { track_id: track!.id }, body: { idempotency_key: randomUUID() } });
    expectStatus(log, 200);
    const token = log.body.play_token;
    const update = (ms: number) =>
      t.as.listener.call('updateTrackPlayDuration', { path: { track_id: track!.id }, body: { play_token: token, listened_ms: ms } });
    expect((await update(track!.duration_ms)).status).toBe(200);
    expect((await update(1000)).status).toBe(200);
    const [play] = await t.server.rows<{ listened_ms: number }>(sql`select listened_ms from plays where play_token = ${token}`);
    expect(play!.listened_ms).toBe(track!.duration_ms);

    const metrics = await t.as.listener.call('getTrackEngagementMetrics', { path: { track_id: track!.id } });
    expectStatus(metrics, 200);
    expect(metrics.body.metrics).toMatchObject({ unique_listeners: 1, average_listen_ms: track!.duration_ms, completion_rate: 1 });
  });

  it('answers an unknown play token with 404', async () => {
    const reply = await t.as.listener.call('updateTrackPlayDuration', { path: { track_id: 8 }, body: { play_token: 'pt_unknown', listened_ms: 5 } });
    expect(reply.status).toBe(404);
  });

  it('answers a revoked or unknown bearer token with 401, even though anonymous plays are accepted', async () => {
    const reply = await t.server.bearer('1|not-a-token').call('updateTrackPlayDuration', {
      path: { track_id: 8 },
      body: { play_token: 'pt_unknown', listened_ms: 5 },
    });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ message: 'Unauthenticated.' });
  });
});
