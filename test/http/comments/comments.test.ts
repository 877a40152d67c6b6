import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../../generated/api.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';

type Comment = components['schemas']['Comment'];

const t = useTestServer({ signIn: ['listener'] });
let listenerId: number;

const USER_KEYS = ['avatar', 'created_at', 'display_name', 'id', 'model_type', 'username'];

beforeAll(async () => {
  listenerId = (await t.server.rows<{ id: number }>(sql`select id from users where email = 'listener@beatpass.test'`))[0]!.id;
});

/** The seeded track with the most comments, replies among them. */
async function busiestTrack(): Promise<{ id: number; comments: number }> {
  const [row] = await t.server.rows<{ id: number; comments: number }>(sql`
    select track_id as id, count(*)::int as comments from track_comments
    group by track_id having count(parent_id) > 0 order by count(*) desc, track_id limit 1`);
  return row!;
}

/** A track without comments, made for one test. */
async function quietTrack(): Promise<number> {
  const [row] = await t.server.rows<{ id: number }>(sql`
    select id from tracks t where not exists (select 1 from track_comments c where c.track_id = t.id) order by id limit 1`);
  return row!.id;
}

async function addComment(trackId: number, values: { position?: number | null; parentId?: number | null; deleted?: boolean; content?: string } = {}) {
  const [row] = await t.server.rows<{ id: number }>(sql`
    insert into track_comments (track_id, user_id, parent_id, content, position, deleted_at)
    values (${trackId}, ${listenerId}, ${values.parentId ?? null}, ${values.content ?? 'Test comment'}, ${values.position ?? null},
      ${values.deleted ? sql`now()` : null})
    returning id`);
  return row!.id;
}

describe('GET /api/v1/tracks/{track_id}/comments', () => {
  it('lists every comment as threads: newest thread first, replies under their comment', async () => {
    const track = await busiestTrack();
    const reply = await t.as.anonymous.call('listTrackComments', { path: { track_id: track.id }, query: { per_page: 100 } });
    expectStatus(reply, 200);
    expect(reply.body.status).toBe('success');
    const page = reply.body.pagination;
    expect(page).toMatchObject({ current_page: 1, per_page: 100, total: track.comments, from: 1, to: track.comments });
    const comments: Comment[] = page.data;
    expect(comments).toHaveLength(track.comments);
    let root: Comment | undefined;
    const rootIds: number[] = [];
    for (const comment of comments) {
      expect(comment.model_type).toBe('comment');
      if (comment.depth === 0) {
        expect(comment.parent_id).toBeNull();
        root = comment;
        rootIds.push(comment.id);
      } else {
        expect(comment.parent_id).toBe(root!.id);
        expect(comment.position).toBeNull();
        expect(comment.id).toBeGreaterThan(root!.id);
      }
      if (!comment.deleted) expect(Object.keys(comment.user!).sort()).toEqual(USER_KEYS);
    }
    expect(rootIds).toEqual([...rootIds].sort((a, b) => b - a));
    expect(comments.some((c) => c.depth === 1)).toBe(true);
  });

  it('reads the same for anonymous and signed-in callers, and shows no private account fields', async () => {
    const track = await busiestTrack();
    const [asAnonymous, asListener] = await Promise.all([
      t.as.anonymous.call('listTrackComments', { path: { track_id: track.id } }),
      t.as.listener.call('listTrackComments', { path: { track_id: track.id } }),
    ]);
    expectStatus(asListener, 200);
    expectStatus(asAnonymous, 200);
    expect(asListener.body.pagination.data).toEqual(asAnonymous.body.pagination.data);
    expect(JSON.stringify(asListener.body)).not.toContain('@beatpass.test');
  });

  it('keeps a deleted comment in its thread without its text or author', async () => {
    const trackId = await quietTrack();
    const gone = await addComment(trackId, { position: 12, deleted: true, content: 'Secret words' });
    const answer = await addComment(trackId, { parentId: gone, content: 'A reply' });
    const reply = await t.as.anonymous.call('listTrackComments', { path: { track_id: trackId } });
    expectStatus(reply, 200);
    expect(reply.body.pagination.data).toEqual([
      expect.objectContaining({ id: gone, deleted: true, content: '', user: null, depth: 0, position: 12 }),
      expect.objectContaining({ id: answer, deleted: false, content: 'A reply', depth: 1, parent_id: gone }),
    ]);
    expect(JSON.stringify(reply.body)).not.toContain('Secret words');
  });

  it('pages by 20 by default and accepts per_page and the older perPage', async () => {
    const trackId = await quietTrack();
    for (let n = 0; n < 23; n++) await addComment(trackId, { content: `Comment ${n}` });
    const first = await t.as.anonymous.call('listTrackComments', { path: { track_id: trackId } });
    expectStatus(first, 200);
    expect(first.body.pagination).toMatchObject({ per_page: 20, total: 23, last_page: 2 });
    expect(first.body.pagination.data).toHaveLength(20);
    expect(first.body.pagination.data[0]!.content).toBe('Comment 22');

    const camel = await t.as.anonymous.call('listTrackComments', { path: { track_id: trackId }, query: { perPage: 10, page: 3 } });
    expectStatus(camel, 200);
    expect(camel.body.pagination).toMatchObject({ current_page: 3, per_page: 10, from: 21, to: 23 });
    expect(camel.body.pagination.data.map((c) => c.content)).toEqual(['Comment 2', 'Comment 1', 'Comment 0']);
    expect(camel.body.pagination.prev_page_url).toContain('per_page=10');
  });

  it('answers an empty page for a track without comments', async () => {
    const reply = await t.as.anonymous.call('listTrackComments', { path: { track_id: await quietTrack() } });
    expectStatus(reply, 200);
    expect(reply.body.pagination).toMatchObject({ total: 0, data: [], from: null, to: null, last_page: 1 });
  });

  it('answers an unknown track with 404', async () => {
    const reply = await t.as.anonymous.call('listTrackComments', { path: { track_id: 999999 } });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'Track not found.' });
  });

  it('rejects an out-of-range page size with 422 and an invalid token with 401', async () => {
    const tooMany = await t.as.anonymous.call('listTrackComments', { path: { track_id: 1 }, query: { per_page: 501 } });
    expectStatus(tooMany, 422);
    expect(Object.keys(tooMany.body.errors)).toEqual(['per_page']);
    const stale = await t.server.bearer('1|not-a-token').call('listTrackComments', { path: { track_id: 1 } });
    expect(stale.status).toBe(401);
    expect(stale.body).toEqual({ message: 'Unauthenticated.' });
  });
});

describe('comments on the waveform', () => {
  it('carries the pinned, top-level, undeleted comments in playing order', async () => {
    const track = await busiestTrack();
    const expected = await t.server.rows<{ id: number }>(sql`
      select id from track_comments where track_id = ${track.id} and parent_id is null and deleted_at is null and position is not null
      order by position, id`);
    const reply = await t.as.anonymous.call('getTrackWave', { path: { track_id: track.id } });
    expectStatus(reply, 200);
    expect(reply.body.comments.map((c) => c.id)).toEqual(expected.map((r) => r.id));
    expect(reply.body.comments.length).toBeGreaterThan(0);
  });

  it('follows what is stored: new pinned comments appear, replies, deleted and unpinned ones do not', async () => {
    const trackId = await quietTrack();
    const empty = await t.as.anonymous.call('getTrackWave', { path: { track_id: trackId } });
    expectStatus(empty, 200);
    expect(empty.body.comments).toEqual([]);
    const late = await addComment(trackId, { position: 95, content: 'Late' });
    const early = await addComment(trackId, { position: 3, content: 'Early' });
    await addComment(trackId, { content: 'Not pinned' });
    await addComment(trackId, { position: 50, deleted: true });
    await addComment(trackId, { position: 60, parentId: early });
    const reply = await t.as.listener.call('getTrackWave', { path: { track_id: trackId } });
    expectStatus(reply, 200);
    expect(reply.body.comments.map((c) => [c.id, c.position, c.content])).toEqual([
      [early, 3, 'Early'],
      [late, 95, 'Late'],
    ]);
    expect(reply.body.comments[0]!.user).toMatchObject({ id: listenerId, display_name: 'Demo Listener' });
  });

  it('keeps the 200 newest pinned comments', async () => {
    const trackId = await quietTrack();
    await t.server.rows(sql`
      insert into track_comments (track_id, user_id, content, position)
      select ${trackId}, ${listenerId}, 'Comment ' || n, 205 - n from generate_series(1, 205) as n`);
    const reply = await t.as.anonymous.call('getTrackWave', { path: { track_id: trackId } });
    expectStatus(reply, 200);
    expect(reply.body.comments).toHaveLength(200);
    // The five oldest (positions 200 to 204) are left out; the rest play in order.
    expect(reply.body.comments.map((c) => c.position)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });
});
