import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent } from '../../support/http.js';

const t = useTestServer({ signIn: ['listener'] });
let ids: number[];

const PUBLIC_TRACK_KEYS = ['created_at', 'duration_text', 'id', 'image', 'model_type', 'name'];

beforeAll(async () => {
  ids = (await t.server.rows<{ id: number }>(sql`select id from tracks order by id limit 5`)).map((r) => r.id);
});

const queue = (agent: Agent, trackIds: number[], xsrf?: boolean) => agent.call('getPlayerTracks', { body: { track_ids: trackIds }, xsrf });

describe('POST /api/v1/player/tracks', () => {
  it('answers minimal tracks to anonymous callers, in the order asked', async () => {
    const order = [ids[3]!, ids[0]!, ids[4]!];
    const reply = await queue(t.as.anonymous, order);
    expectStatus(reply, 200);
    expect(reply.body.status).toBe('success');
    expect(reply.body.tracks.map((track) => track.id)).toEqual(order);
    for (const track of reply.body.tracks) expect(Object.keys(track).sort()).toEqual(PUBLIC_TRACK_KEYS);
  });

  it('answers rich tracks to signed-in callers, with their own like status', async () => {
    const [liked] = await t.server.rows<{ track_id: number }>(sql`
      select track_id from track_likes l join users u on u.id = l.user_id where u.email = 'listener@beatpass.test' order by track_id limit 1`);
    const reply = await queue(t.as.listener, [liked!.track_id, ids[0]!]);
    expectStatus(reply, 200);
    expect(reply.body.tracks[0]).toMatchObject({ id: liked!.track_id, is_liked: true });
    expect(reply.body.tracks[1]).toMatchObject({ id: ids[0], bpm: expect.any(Number), artists: expect.any(Array) });
  });

  it('leaves out tracks that do not exist and answers a repeated track once, at its first place', async () => {
    const reply = await queue(t.as.anonymous, [ids[1]!, 999999, ids[2]!, ids[1]!]);
    expectStatus(reply, 200);
    expect(reply.body.tracks.map((track) => track.id)).toEqual([ids[1], ids[2]]);
    expect((await queue(t.as.anonymous, [999998, 999999])).body).toEqual({ status: 'success', tracks: [] });
  });

  it('takes 1 to 100 integer ids (422 otherwise)', async () => {
    for (const bad of [[], Array.from({ length: 101 }, (_, i) => i + 1), ['one'], [0]]) {
      const reply = await t.as.anonymous.callUnchecked('getPlayerTracks', { body: { track_ids: bad } });
      expect(reply.status, JSON.stringify(bad)).toBe(422);
      expectStatus(reply, 422);
      expect(reply.body.message).toEqual(expect.any(String));
    }
    expect(
      (
        await queue(
          t.as.anonymous,
          Array.from({ length: 100 }, (_, i) => i + 1),
        )
      ).status,
    ).toBe(200);
  });

  it('answers an unreadable body with 400 or 415, a session without the XSRF header with 419 and a stale token with 401', async () => {
    const malformed = await t.as.anonymous.request('POST', '/api/v1/player/tracks', {
      body: '{"track_ids": [1',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    const form = await t.as.anonymous.request('POST', '/api/v1/player/tracks', {
      body: 'track_ids=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect((await queue(t.as.listener, [ids[0]!], false)).status).toBe(419);
    const stale = await queue(t.server.bearer('1|not-a-token'), [ids[0]!]);
    expect(stale.status).toBe(401);
  });

  it('answers a body over 1 MB with 413', async () => {
    const reply = await t.as.anonymous.request('POST', '/api/v1/player/tracks', {
      body: `{"track_ids": [1], "pad": "${'x'.repeat(1_100_000)}"}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(413);
  });
});
