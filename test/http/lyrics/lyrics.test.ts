import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD } from '../../../server/db/seed.js';
import { Agent } from '../../support/http.js';
import { startTestServer, type TestServer } from '../../support/server.js';

let server: TestServer;
let anonymous: Agent;
let listener: Agent;
let developer: Agent;
let bearer: Agent;
const ids: Record<string, number> = {};

beforeAll(async () => {
  server = await startTestServer();
  anonymous = new Agent(server.baseUrl);
  listener = new Agent(server.baseUrl);
  developer = new Agent(server.baseUrl);
  await Promise.all([listener.login('listener@beatpass.test', DEMO_PASSWORD), developer.login('developer@beatpass.test', DEMO_PASSWORD)]);
  const token = await developer.request('POST', '/api/v1/developer-tokens', { json: { name: 'Lyrics tests' }, xsrf: true });
  bearer = new Agent(server.baseUrl, { authorization: `Bearer ${token.body.plain_text_token}` });
  for (const row of await server.rows<{ id: number; email: string }>(sql`select id, email from users`)) ids[row.email.split('@')[0]!] = row.id;
});
afterAll(async () => { await server.close(); });

const LRC = '[00:01.00] First line\n[00:04.50] Second line';

async function lyricsOf(userId: number) {
  return server.rows<{ id: number; track_id: number; text: string; synced: boolean }>(
    sql`select id, track_id, text, synced from lyrics where user_id = ${userId} order by id`);
}
/** A track the user has no lyrics for yet. */
async function freeTrack(userId: number, skip = 0): Promise<number> {
  const [row] = await server.rows<{ id: number }>(sql`
    select id from tracks where id not in (select track_id from lyrics where user_id = ${userId}) order by id offset ${skip} limit 1`);
  return row!.id;
}
async function create(agent: Agent, json: Record<string, unknown>, xsrf = true) {
  return agent.request('POST', '/api/v1/lyrics', { json, xsrf });
}

describe('GET /api/v1/lyrics', () => {
  it('lists only the caller\'s own lyrics, with their minimal track', async () => {
    const reply = await listener.request('GET', '/api/v1/lyrics');
    expect(reply.status).toBe(200);
    const own = await lyricsOf(ids.listener!);
    expect(reply.body.pagination.total).toBe(own.length);
    expect(reply.body.pagination.data.map((l: { id: number }) => l.id).sort()).toEqual(own.map((l) => l.id).sort());
    const synced = reply.body.pagination.data.find((l: { synced: boolean }) => l.synced);
    expect(synced).toMatchObject({ model_type: 'lyric', text: expect.stringMatching(/^\[00:/), track: { model_type: 'track' } });
    expect(Object.keys(synced.track).sort()).toEqual(['created_at', 'duration_text', 'id', 'image', 'model_type', 'name']);

    const none = await developer.request('GET', '/api/v1/lyrics');
    expect(none.body.pagination).toMatchObject({ total: 0, data: [] });
  });

  it('needs sign-in on every route, reads included (401)', async () => {
    for (const [method, path] of [['GET', '/api/v1/lyrics'], ['GET', '/api/v1/tracks/1/lyrics'], ['POST', '/api/v1/lyrics'], ['PUT', '/api/v1/lyrics/1'], ['DELETE', '/api/v1/lyrics/1']] as const) {
      const reply = await anonymous.request(method, path, method === 'GET' || method === 'DELETE' ? {} : { json: { track_id: 1, text: 'x' } });
      expect(reply.status, `${method} ${path}`).toBe(401);
      expect(reply.body).toEqual({ message: 'Unauthenticated.' });
    }
  });
});

describe('GET /api/v1/tracks/{track_id}/lyrics', () => {
  it('returns the caller\'s lyric for the track, and null for another user', async () => {
    const [mine] = await lyricsOf(ids.listener!);
    const reply = await listener.request('GET', `/api/v1/tracks/${mine!.track_id}/lyrics`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'success', lyric: expect.objectContaining({ id: mine!.id, text: mine!.text, track_id: mine!.track_id }) });
    const other = await bearer.request('GET', `/api/v1/tracks/${mine!.track_id}/lyrics`);
    expect(other.body).toEqual({ status: 'success', lyric: null });
  });

  it('answers an unknown track with 404', async () => {
    const reply = await listener.request('GET', '/api/v1/tracks/2147483647/lyrics');
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'Track not found.' });
  });
});

describe('POST /api/v1/lyrics', () => {
  it('saves plain and synced lyrics for the caller', async () => {
    const trackId = await freeTrack(ids.developer!);
    const reply = await create(developer, { track_id: trackId, text: 'Just words' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      status: 'success',
      lyric: expect.objectContaining({ track_id: trackId, text: 'Just words', synced: false, track: expect.objectContaining({ id: trackId }) }),
    });
    const other = await freeTrack(ids.developer!);
    const synced = await bearer.request('POST', '/api/v1/lyrics', { json: { track_id: other, text: LRC, synced: true } });
    expect(synced.status).toBe(200);
    expect(synced.body.lyric.synced).toBe(true);
    expect((await lyricsOf(ids.developer!)).map((l) => l.track_id)).toEqual(expect.arrayContaining([trackId, other]));
  });

  it('allows one lyric per user and track (422), while another user may write their own', async () => {
    const [mine] = await lyricsOf(ids.listener!);
    const before = await lyricsOf(ids.listener!);
    const reply = await create(listener, { track_id: mine!.track_id, text: 'Again' });
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({ message: 'You already have lyrics for this track.', errors: { track_id: ['You already have lyrics for this track.'] } });
    expect(await lyricsOf(ids.listener!)).toEqual(before);
    expect((await create(developer, { track_id: mine!.track_id, text: 'My own take' })).status).toBe(200);
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
    for (const [json, field, message] of cases) {
      const reply = await create(developer, json);
      expect(reply.status, JSON.stringify(json).slice(0, 80)).toBe(422);
      expect(Object.keys(reply.body.errors)).toEqual([field]);
      if (message) expect(reply.body.errors[field]).toEqual([message]);
    }
    expect((await lyricsOf(ids.developer!)).some((l) => l.track_id === trackId)).toBe(false);
  });

  it('needs the XSRF header with a session (419)', async () => {
    const reply = await create(developer, { track_id: await freeTrack(ids.developer!), text: 'Words' }, false);
    expect(reply.status).toBe(419);
  });
});

describe('PUT /api/v1/lyrics/{lyric_id}', () => {
  it('replaces the text and keeps synced unless sent', async () => {
    const created = await create(developer, { track_id: await freeTrack(ids.developer!), text: LRC, synced: true });
    const id = created.body.lyric.id;
    const reply = await developer.request('PUT', `/api/v1/lyrics/${id}`, { json: { text: `${LRC}\n[00:09.00] Third line` }, xsrf: true });
    expect(reply.status).toBe(200);
    expect(reply.body.lyric).toMatchObject({ id, synced: true, text: `${LRC}\n[00:09.00] Third line` });
    const plain = await developer.request('PUT', `/api/v1/lyrics/${id}`, { json: { text: 'Plain now', synced: false }, xsrf: true });
    expect(plain.body.lyric).toMatchObject({ synced: false, text: 'Plain now' });
    const [row] = await server.rows(sql`select text, synced from lyrics where id = ${id}`);
    expect(row).toEqual({ text: 'Plain now', synced: false });
  });

  it('rejects blank text and untagged synced text with 422, changing nothing', async () => {
    const created = await create(developer, { track_id: await freeTrack(ids.developer!), text: 'Original' });
    const id = created.body.lyric.id;
    for (const json of [{ text: '  ' }, { text: 'still plain', synced: true }, { synced: true }]) {
      const reply = await developer.request('PUT', `/api/v1/lyrics/${id}`, { json, xsrf: true });
      expect(reply.status).toBe(422);
    }
    const [row] = await server.rows(sql`select text, synced from lyrics where id = ${id}`);
    expect(row).toEqual({ text: 'Original', synced: false });
  });

  it('hides another user\'s lyric (404) and leaves it unchanged', async () => {
    const [theirs] = await lyricsOf(ids.listener!);
    const reply = await developer.request('PUT', `/api/v1/lyrics/${theirs!.id}`, { json: { text: 'Overwritten' }, xsrf: true });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'Lyric not found.' });
    const [row] = await server.rows(sql`select text from lyrics where id = ${theirs!.id}`);
    expect(row).toEqual({ text: theirs!.text });
  });
});

describe('DELETE /api/v1/lyrics/{lyric_id}', () => {
  it('deletes several of the caller\'s lyrics at once', async () => {
    const a = (await create(developer, { track_id: await freeTrack(ids.developer!), text: 'One' })).body.lyric.id;
    const b = (await create(developer, { track_id: await freeTrack(ids.developer!), text: 'Two' })).body.lyric.id;
    const reply = await developer.request('DELETE', `/api/v1/lyrics/${a},${b}`, { xsrf: true });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'success' });
    expect(await server.rows(sql`select id from lyrics where id in (${a}, ${b})`)).toEqual([]);
  });

  it('deletes nothing when any ID is unknown or another user\'s (404)', async () => {
    const mine = (await create(developer, { track_id: await freeTrack(ids.developer!), text: 'Keep me' })).body.lyric.id;
    const [theirs] = await lyricsOf(ids.listener!);
    for (const list of [`${mine},2147483`, `${mine},${theirs!.id}`, `${theirs!.id}`]) {
      const reply = await developer.request('DELETE', `/api/v1/lyrics/${list}`, { xsrf: true });
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ message: 'Lyric not found.' });
    }
    expect(await server.rows(sql`select id from lyrics where id in (${mine}, ${theirs!.id})`)).toHaveLength(2);
    expect((await developer.request('DELETE', '/api/v1/lyrics/abc', { xsrf: true })).status).toBe(422);
  });
});
