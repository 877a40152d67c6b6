import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { OperationId } from '../../../generated/contract.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent, type CallInput, type UncheckedCallInput } from '../../support/http.js';

const t = useTestServer({ signIn: ['listener', 'developer'] });
let bearer: Agent;
const ids: Record<string, number> = {};

beforeAll(async () => {
  const token = await t.as.developer.call('createDeveloperToken', { body: { name: 'Lyrics tests' } });
  expectStatus(token, 201);
  bearer = t.server.bearer(token.body.plain_text_token);
  for (const row of await t.server.rows<{ id: number; email: string }>(sql`select id, email from users`)) ids[row.email.split('@')[0]!] = row.id;
});

const LRC = '[00:01.00] First line\n[00:04.50] Second line';

async function lyricsOf(userId: number) {
  return t.server.rows<{ id: number; track_id: number; text: string; synced: boolean }>(
    sql`select id, track_id, text, synced from lyrics where user_id = ${userId} order by id`,
  );
}
/** A track the user has no lyrics for yet. */
async function freeTrack(userId: number, skip = 0): Promise<number> {
  const [row] = await t.server.rows<{ id: number }>(sql`
    select id from tracks where id not in (select track_id from lyrics where user_id = ${userId}) order by id offset ${skip} limit 1`);
  return row!.id;
}
async function create(agent: Agent, body: CallInput<'createLyric'>['body'], xsrf = true) {
  return agent.call('createLyric', { body, xsrf });
}

describe('GET /api/v1/lyrics', () => {
  it("lists only the caller's own lyrics, with their minimal track", async () => {
    const reply = await t.as.listener.call('listLyrics');
    expectStatus(reply, 200);
    const own = await lyricsOf(ids.listener!);
    expect(reply.body.pagination.total).toBe(own.length);
    expect(reply.body.pagination.data.map((l) => l.id).sort()).toEqual(own.map((l) => l.id).sort());
    const synced = reply.body.pagination.data.find((l) => l.synced);
    expect(synced).toMatchObject({ model_type: 'lyric', text: expect.stringMatching(/^\[00:/), track: { model_type: 'track' } });
    expect(Object.keys(synced!.track).sort()).toEqual(['created_at', 'duration_text', 'id', 'image', 'model_type', 'name']);

    const none = await t.as.developer.call('listLyrics');
    expectStatus(none, 200);
    expect(none.body.pagination).toMatchObject({ total: 0, data: [] });
  });

  it('needs sign-in on every route, reads included (401)', async () => {
    const calls: [OperationId, UncheckedCallInput][] = [
      ['listLyrics', {}],
      ['getTrackLyrics', { path: { track_id: 1 } }],
      ['createLyric', { body: { track_id: 1, text: 'x' } }],
      ['updateLyric', { path: { lyric_id: 1 }, body: { track_id: 1, text: 'x' } }],
      ['deleteLyrics', { path: { lyric_id: 1 } }],
    ];
    for (const [operationId, input] of calls) {
      const reply = await t.as.anonymous.callUnchecked(operationId, input);
      expect(reply.status, operationId).toBe(401);
      expect(reply.body).toEqual({ message: 'Unauthenticated.' });
    }
  });
});

describe('GET /api/v1/tracks/{track_id}/lyrics', () => {
  it("returns the caller's lyric for the track, and null for another user", async () => {
    const [mine] = await lyricsOf(ids.listener!);
    const reply = await t.as.listener.call('getTrackLyrics', { path: { track_id: mine!.track_id } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'success', lyric: expect.objectContaining({ id: mine!.id, text: mine!.text, track_id: mine!.track_id }) });
    const other = await bearer.call('getTrackLyrics', { path: { track_id: mine!.track_id } });
    expect(other.body).toEqual({ status: 'success', lyric: null });
  });

  it('answers an unknown track with 404', async () => {
    const reply = await t.as.listener.call('getTrackLyrics', { path: { track_id: 2147483647 } });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'Track not found.' });
  });
});

describe('POST /api/v1/lyrics', () => {
  it('saves plain and synced lyrics for the caller', async () => {
    const trackId = await freeTrack(ids.developer!);
    const reply = await create(t.as.developer, { track_id: trackId, text: 'Just words' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      status: 'success',
      lyric: expect.objectContaining({ track_id: trackId, text: 'Just words', synced: false, track: expect.objectContaining({ id: trackId }) }),
    });
    const other = await freeTrack(ids.developer!);
    const synced = await bearer.call('createLyric', { body: { track_id: other, text: LRC, synced: true } });
    expectStatus(synced, 200);
    expect(synced.body.lyric.synced).toBe(true);
    expect((await lyricsOf(ids.developer!)).map((l) => l.track_id)).toEqual(expect.arrayContaining([trackId, other]));
  });

  it('allows one lyric per user and track (422), while another user may write their own', async () => {
    const [mine] = await lyricsOf(ids.listener!);
    const before = await lyricsOf(ids.listener!);
    const reply = await create(t.as.listener, { track_id: mine!.track_id, text: 'Again' });
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({ message: 'You already have lyrics for this track.', errors: { track_id: ['You already have lyrics for this track.'] } });
    expect(await lyricsOf(ids.listener!)).toEqual(before);
    expect((await create(t.as.developer, { track_id: mine!.track_id, text: 'My own take' })).status).toBe(200);
  });

  it('validates the track and the text with 422', async () => {
    const trackId = await freeTrack(ids.developer!);
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ track_id: 2147483647, text: 'Words' }, 'track_id', 'The selected track id is invalid.'],
      [{ track_id: trackId, text: '   ' }, 'text', 'The text field is required.'],
      [{ track_id: trackId, text: '' }, 'text'],
      [{ track_id: trackId, text: 'no tags here', synced: true }, 'text', 'The text field must contain LRC time tags ([mm:ss.xx]) when synced is true.'],
      [{ track_id: trackId, text: 'x'.repeat(20_001) }, 'text'],
      [{ text: 'Words' }, 'track_id'],
    ];
    for (const [body, field, message] of cases) {
      const reply = await t.as.developer.callUnchecked('createLyric', { body });
      expectStatus(reply, 422);
      expect(Object.keys(reply.body.errors), JSON.stringify(body).slice(0, 80)).toEqual([field]);
      if (message) expect(reply.body.errors[field]).toEqual([message]);
    }
    expect((await lyricsOf(ids.developer!)).some((l) => l.track_id === trackId)).toBe(false);
  });

  it('needs the XSRF header with a session (419)', async () => {
    const reply = await create(t.as.developer, { track_id: await freeTrack(ids.developer!), text: 'Words' }, false);
    expect(reply.status).toBe(419);
  });
});

describe('PUT /api/v1/lyrics/{lyric_id}', () => {
  it('replaces the text and keeps synced unless sent', async () => {
    const created = await create(t.as.developer, { track_id: await freeTrack(ids.developer!), text: LRC, synced: true });
    expectStatus(created, 200);
    const id = created.body.lyric.id;
    const reply = await t.as.developer.call('updateLyric', { path: { lyric_id: id }, body: { text: `${LRC}\n[00:09.00] Third line` } });
    expectStatus(reply, 200);
    expect(reply.body.lyric).toMatchObject({ id, synced: true, text: `${LRC}\n[00:09.00] Third line` });
    const plain = await t.as.developer.call('updateLyric', { path: { lyric_id: id }, body: { text: 'Plain now', synced: false } });
    expectStatus(plain, 200);
    expect(plain.body.lyric).toMatchObject({ synced: false, text: 'Plain now' });
    const [row] = await t.server.rows(sql`select text, synced from lyrics where id = ${id}`);
    expect(row).toEqual({ text: 'Plain now', synced: false });
  });

  it('rejects blank text and untagged synced text with 422, changing nothing', async () => {
    const created = await create(t.as.developer, { track_id: await freeTrack(ids.developer!), text: 'Original' });
    expectStatus(created, 200);
    const id = created.body.lyric.id;
    for (const body of [{ text: '  ' }, { text: 'still plain', synced: true }, { synced: true }]) {
      const reply = await t.as.developer.callUnchecked('updateLyric', { path: { lyric_id: id }, body });
      expect(reply.status).toBe(422);
    }
    const [row] = await t.server.rows(sql`select text, synced from lyrics where id = ${id}`);
    expect(row).toEqual({ text: 'Original', synced: false });
  });

  it("hides another user's lyric (404) and leaves it unchanged", async () => {
    const [theirs] = await lyricsOf(ids.listener!);
    const reply = await t.as.developer.call('updateLyric', { path: { lyric_id: theirs!.id }, body: { text: 'Overwritten' } });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'Lyric not found.' });
    const [row] = await t.server.rows(sql`select text from lyrics where id = ${theirs!.id}`);
    expect(row).toEqual({ text: theirs!.text });
  });
});

describe('DELETE /api/v1/lyrics/{lyric_id}', () => {
  async function createdId(text: string): Promise<number> {
    const created = await create(t.as.developer, { track_id: await freeTrack(ids.developer!), text });
    expectStatus(created, 200);
    return created.body.lyric.id;
  }

  it("deletes several of the caller's lyrics at once", async () => {
    const a = await createdId('One');
    const b = await createdId('Two');
    const reply = await t.as.developer.call('deleteLyrics', { path: { lyric_id: `${a},${b}` } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'success' });
    expect(await t.server.rows(sql`select id from lyrics where id in (${a}, ${b})`)).toEqual([]);
  });

  it("deletes nothing when any ID is unknown or another user's (404)", async () => {
    const mine = await createdId('Keep me');
    const [theirs] = await lyricsOf(ids.listener!);
    for (const list of [`${mine},2147483`, `${mine},${theirs!.id}`, `${theirs!.id}`]) {
      const reply = await t.as.developer.call('deleteLyrics', { path: { lyric_id: list } });
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ message: 'Lyric not found.' });
    }
    expect(await t.server.rows(sql`select id from lyrics where id in (${mine}, ${theirs!.id})`)).toHaveLength(2);
    expect((await t.as.developer.callUnchecked('deleteLyrics', { path: { lyric_id: 'abc' } })).status).toBe(422);
  });
});
