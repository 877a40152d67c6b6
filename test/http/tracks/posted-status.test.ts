import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../support/http.js';
import { startTestServer, type TestServer } from '../../support/server.js';

let server: TestServer;
let producer: Agent;
let listener: Agent;
let ownTrackIds: number[];

beforeAll(async () => {
  server = await startTestServer();
  producer = await server.signIn('producer@beatpass.test');
  listener = await server.signIn('listener@beatpass.test');
  ownTrackIds = (await server.rows<{ id: number }>(sql`
    select t.id from tracks t join users u on u.id = t.owner_id where u.email = 'producer@beatpass.test' order by t.id`)).map((r) => r.id);
});
afterAll(async () => { await server.close(); });

const mark = (agent: Agent, trackId: number, posted: unknown, xsrf = true) =>
  agent.request('PUT', `/api/v1/tracks/${trackId}/posted-status`, { json: { posted }, xsrf });

/** The whole stored row, to show that a refused or bookkeeping-only change touches nothing else. */
const trackRow = async (id: number) => (await server.rows<Record<string, unknown>>(sql`select * from tracks where id = ${id}`))[0]!;

describe('PUT /api/v1/tracks/{track_id}/posted-status', () => {
  it('lets the owner mark a beat as posted, keeps the first date when marked again, and clears it', async () => {
    const trackId = ownTrackIds[0]!;
    const before = await trackRow(trackId);
    expect(before.posted_at).toBeNull();

    const posted = await mark(producer, trackId, true);
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual({
      status: 'success',
      posted_status: { track_id: trackId, posted: true, posted_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
    });
    const stored = await trackRow(trackId);
    expect(new Date(stored.posted_at as string).toISOString()).toBe(posted.body.posted_status.posted_at);
    // Bookkeeping only: no other column changes.
    expect({ ...stored, posted_at: null }).toEqual(before);

    const again = await mark(producer, trackId, true);
    expect(again.body.posted_status.posted_at).toBe(posted.body.posted_status.posted_at);

    const cleared = await mark(producer, trackId, false);
    expect(cleared.status).toBe(200);
    expect(cleared.body.posted_status).toEqual({ track_id: trackId, posted: false, posted_at: null });
    expect(await trackRow(trackId)).toEqual(before);
  });

  it('lets the manager of a credited artist change it on a track they do not own', async () => {
    const [row] = await server.rows<{ id: number }>(sql`select id from tracks where owner_id is null order by id limit 1`);
    await server.rows(sql`
      insert into track_artists (track_id, artist_id, position)
      select ${row!.id}, a.id, 1 from artists a join users u on u.id = a.user_id where u.email = 'producer@beatpass.test'`);
    const reply = await mark(producer, row!.id, true);
    expect(reply.status).toBe(200);
    expect(reply.body.posted_status.posted).toBe(true);
  });

  it('gives another user 403 and changes nothing', async () => {
    const trackId = ownTrackIds[1]!;
    await mark(producer, trackId, true);
    const before = await trackRow(trackId);
    const reply = await mark(listener, trackId, false);
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'You can only change your own tracks.' });
    expect(await trackRow(trackId)).toEqual(before);

    const untouched = ownTrackIds[2]!;
    expect((await mark(listener, untouched, true)).status).toBe(403);
    expect((await trackRow(untouched)).posted_at).toBeNull();
  });

  it('answers an unknown track with 404', async () => {
    const reply = await mark(producer, 999999, true);
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'Track not found.' });
  });

  it('needs a boolean `posted` (422), a caller (401) and, with a session, the XSRF header (419)', async () => {
    const trackId = ownTrackIds[3]!;
    for (const body of [{}, { posted: 'yes' }, { posted: true, extra: 1 }]) {
      const reply = await producer.request('PUT', `/api/v1/tracks/${trackId}/posted-status`, { json: body, xsrf: true });
      expect(reply.status, JSON.stringify(body)).toBe(422);
      expect(reply.body.errors).toEqual(expect.any(Object));
    }
    expect((await mark(new Agent(server.baseUrl), trackId, true)).status).toBe(401);
    expect((await mark(producer, trackId, true, false)).status).toBe(419);
    expect((await trackRow(trackId)).posted_at).toBeNull();
  });

  it('answers an unreadable body with 400 or 415, and one over 1 MB with 413', async () => {
    const path = `/api/v1/tracks/${ownTrackIds[3]!}/posted-status`;
    const malformed = await producer.request('PUT', path, { body: '{"posted": tr', headers: { 'content-type': 'application/json' }, xsrf: true });
    expect(malformed.status).toBe(400);
    const form = await producer.request('PUT', path, { body: 'posted=1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, xsrf: true });
    expect(form.status).toBe(415);
    const huge = await producer.request('PUT', path, {
      body: `{"posted": true, "pad": "${'x'.repeat(1_100_000)}"}`, headers: { 'content-type': 'application/json' }, xsrf: true,
    });
    expect(huge.status).toBe(413);
  });
});
