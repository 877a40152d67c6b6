import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent } from '../../support/http.js';

const t = useTestServer({ signIn: ['producer', 'listener'] });
let ownTrackIds: number[];

beforeAll(async () => {
  ownTrackIds = (
    await t.server.rows<{ id: number }>(sql`
    select t.id from tracks t join users u on u.id = t.owner_id where u.email = 'producer@beatpass.test' order by t.id`)
  ).map((r) => r.id);
});

const mark = (agent: Agent, trackId: number, posted: boolean, xsrf?: boolean) =>
  agent.call('updateTrackPostedStatus', { path: { track_id: trackId }, body: { posted }, xsrf });

/** The whole stored row, to show that a refused or bookkeeping-only change touches nothing else. */
const trackRow = async (id: number) => (await t.server.rows<Record<string, unknown>>(sql`select * from tracks where id = ${id}`))[0]!;

describe('PUT /api/v1/tracks/{track_id}/posted-status', () => {
  it('lets the owner mark a beat as posted, keeps the first date when marked again, and clears it', async () => {
    const trackId = ownTrackIds[0]!;
    const before = await trackRow(trackId);
    expect(before.posted_at).toBeNull();

    const posted = await mark(t.as.producer, trackId, true);
    expectStatus(posted, 200);
    expect(posted.body).toEqual({
      status: 'success',
      posted_status: { track_id: trackId, posted: true, posted_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
    });
    const stored = await trackRow(trackId);
    expect(new Date(stored.posted_at as string).toISOString()).toBe(posted.body.posted_status.posted_at);
    // Bookkeeping only: no other column changes.
    expect({ ...stored, posted_at: null }).toEqual(before);

    const again = await mark(t.as.producer, trackId, true);
    expectStatus(again, 200);
    expect(again.body.posted_status.posted_at).toBe(posted.body.posted_status.posted_at);

    const cleared = await mark(t.as.producer, trackId, false);
    expectStatus(cleared, 200);
    expect(cleared.body.posted_status).toEqual({ track_id: trackId, posted: false, posted_at: null });
    expect(await trackRow(trackId)).toEqual(before);
  });

  it('lets the manager of a credited artist change it on a track they do not own', async () => {
    const [row] = await t.server.rows<{ id: number }>(sql`select id from tracks where owner_id is null order by id limit 1`);
    await t.server.rows(sql`
      insert into track_artists (track_id, artist_id, position)
      select ${row!.id}, a.id, 1 from artists a join users u on u.id = a.user_id where u.email = 'producer@beatpass.test'`);
    const reply = await mark(t.as.producer, row!.id, true);
    expectStatus(reply, 200);
    expect(reply.body.posted_status.posted).toBe(true);
  });

  it('gives another user 403 and changes nothing', async () => {
    const trackId = ownTrackIds[1]!;
    await mark(t.as.producer, trackId, true);
    const before = await trackRow(trackId);
    const reply = await mark(t.as.listener, trackId, false);
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'You can only change your own tracks.' });
    expect(await trackRow(trackId)).toEqual(before);

    const untouched = ownTrackIds[2]!;
    expect((await mark(t.as.listener, untouched, true)).status).toBe(403);
    expect((await trackRow(untouched)).posted_at).toBeNull();
  });

  it('answers an unknown track with 404', async () => {
    const reply = await mark(t.as.producer, 999999, true);
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'Track not found.' });
  });

  it('needs a boolean `posted` (422), a caller (401) and, with a session, the XSRF header (419)', async () => {
    const trackId = ownTrackIds[3]!;
    for (const body of [{}, { posted: 'yes' }, { posted: true, extra: 1 }]) {
      const reply = await t.as.producer.callUnchecked('updateTrackPostedStatus', { path: { track_id: trackId }, body });
      expect(reply.status, JSON.stringify(body)).toBe(422);
      expectStatus(reply, 422);
      expect(reply.body.errors).toEqual(expect.any(Object));
    }
    expect((await mark(t.server.agent(), trackId, true)).status).toBe(401);
    expect((await mark(t.as.producer, trackId, true, false)).status).toBe(419);
    expect((await trackRow(trackId)).posted_at).toBeNull();
  });

  it('answers an unreadable body with 400 or 415, and one over 1 MB with 413', async () => {
    const path = `/api/v1/tracks/${ownTrackIds[3]!}/posted-status`;
    const malformed = await t.as.producer.request('PUT', path, { body: '{"posted": tr', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    const form = await t.as.producer.request('PUT', path, { body: 'posted=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    const huge = await t.as.producer.request('PUT', path, {
      body: `{"posted": true, "pad": "${'x'.repeat(1_100_000)}"}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(413);
  });
});
