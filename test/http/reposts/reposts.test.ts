// Reposts: the toggle (added/removed, self-repost, caps of 20 an hour and 100 a day, also
// under concurrent requests), the exact `reposts_count`, cross-user isolation, and a user's
// reposts list at both access tiers.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../server/seed/seed.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent } from '../../support/http.js';

const t = useTestServer({ signIn: ['listener', 'producer'] });

interface Account {
  agent: Agent;
  id: number;
}

/** A new signed-in account with no reposts. */
async function newAccount(): Promise<Account> {
  const email = `reposter-${randomUUID().slice(0, 8)}@beatpass.test`;
  const registered = await t.server.agent().call('register', { body: { email, password: DEMO_PASSWORD, password_confirmation: DEMO_PASSWORD } });
  expect(registered.status, JSON.stringify(registered.body)).toBeLessThan(300);
  const [row] = await t.server.rows<{ id: number }>(sql`select id from users where email = ${email}`);
  return { agent: await t.server.signIn(email), id: row!.id };
}

let producerId: number;
/** Tracks and albums nobody in these tests owns or is credited on (not the demo producer's). */
let foreignTracks: number[];
let foreignAlbum: number;
let producerTrack: number;
let producerAlbum: number;

const repostsCount = async (trackId: number) => (await t.server.rows<{ n: number }>(sql`select reposts_count as n from tracks where id = ${trackId}`))[0]!.n;
const repostRows = async (trackId: number) =>
  (await t.server.rows<{ n: number }>(sql`select count(*)::int as n from track_reposts where track_id = ${trackId}`))[0]!.n;

/** Seeds `n` track reposts for `userId`, made `minutesAgo` ago, on tracks the tests never toggle. */
async function seedReposts(userId: number, n: number, minutesAgo: number) {
  await t.server.rows(sql`
    insert into track_reposts (track_id, user_id, created_at)
    select id, ${userId}, now() - make_interval(mins => ${minutesAgo})
    from tracks where id not in (select track_id from track_reposts where user_id = ${userId})
      and id not in (${sql.join(
        foreignTracks.map((id) => sql`${id}`),
        sql`, `,
      )})
    order by id desc limit ${n}`);
}

beforeAll(async () => {
  [{ id: producerId }] = (await t.server.rows<{ id: number }>(sql`select id from users where email = 'producer@beatpass.test'`)) as [{ id: number }];
  const producerArtist = await t.server.artistIdOf('producer@beatpass.test');
  const notProducers = sql`owner_id is distinct from ${producerId}
    and id not in (select track_id from track_artists where artist_id = ${producerArtist})`;
  foreignTracks = (await t.server.rows<{ id: number }>(sql`select id from tracks where ${notProducers} order by id limit 4`)).map((r) => r.id);
  [{ id: foreignAlbum }] = (await t.server.rows<{ id: number }>(sql`
    select id from albums where owner_id is distinct from ${producerId}
      and id not in (select album_id from album_artists where artist_id = ${producerArtist}) order by id limit 1`)) as [{ id: number }];
  [{ id: producerTrack }] = (await t.server.rows<{ id: number }>(sql`select id from tracks where owner_id = ${producerId} order by id limit 1`)) as [
    { id: number },
  ];
  [{ id: producerAlbum }] = (await t.server.rows<{ id: number }>(sql`
    select album_id as id from album_artists where artist_id = ${producerArtist} order by album_id limit 1`)) as [{ id: number }];
});

describe('POST /api/v1/reposts/toggle', () => {
  it('adds a repost (with the rich track), then removes it, moving reposts_count by one each way', async () => {
    const me = await newAccount();
    const track = foreignTracks[0]!;
    const before = await repostsCount(track);
    const added = await me.agent.call('toggleRepost', { body: { repostable_type: 'track', repostable_id: track } });
    expectStatus(added, 200);
    expect(added.body).toMatchObject({ status: 'success', action: 'added', repost: { repostable_type: 'track', repostable_id: track, user_id: me.id } });
    expect(added.body.repost?.repostable).toMatchObject({ id: track, model_type: 'track', reposts_count: before + 1 });
    expect(await repostsCount(track)).toBe(before + 1);

    const removed = await me.agent.call('toggleRepost', { body: { repostable_type: 'track', repostable_id: track } });
    expectStatus(removed, 200);
    expect(removed.body).toEqual({ status: 'success', action: 'removed' });
    expect(await repostsCount(track)).toBe(before);
  });

  it('reposts albums too', async () => {
    const me = await newAccount();
    const added = await me.agent.call('toggleRepost', { body: { repostable_type: 'album', repostable_id: foreignAlbum } });
    expectStatus(added, 200);
    expect(added.body.repost).toMatchObject({ repostable_type: 'album', repostable: { id: foreignAlbum, model_type: 'album' } });
    const [row] = await t.server.rows(sql`select 1 from album_reposts where user_id = ${me.id} and album_id = ${foreignAlbum}`);
    expect(row).toBeDefined();
  });

  it('refuses to repost your own track or album (400), owned or crediting an artist you manage', async () => {
    const ownTrack = await t.as.producer.call('toggleRepost', { body: { repostable_type: 'track', repostable_id: producerTrack } });
    expectStatus(ownTrack, 400);
    expect(ownTrack.body.message).toBe('You cannot repost your own track.');
    const ownAlbum = await t.as.producer.call('toggleRepost', { body: { repostable_type: 'album', repostable_id: producerAlbum } });
    expectStatus(ownAlbum, 400);

    // A track someone else owns that credits an artist the caller manages.
    const me = await newAccount();
    const [artist] = await t.server.rows<{ id: number }>(sql`insert into artists (name, user_id) values ('Repost Fixture Artist', ${me.id}) returning id`);
    const credited = foreignTracks[3]!;
    await t.server.rows(sql`insert into track_artists (track_id, artist_id, position) values (${credited}, ${artist!.id}, 9)`);
    const creditedReply = await me.agent.call('toggleRepost', { body: { repostable_type: 'track', repostable_id: credited } });
    expectStatus(creditedReply, 400);
    await t.server.rows(sql`delete from track_artists where artist_id = ${artist!.id}`);
  });

  it('answers 422 for an unknown item, a missing field, an unknown type, and S-style track_id', async () => {
    const unknown = await t.as.listener.call('toggleRepost', { body: { repostable_type: 'track', repostable_id: 2147483647 } });
    expectStatus(unknown, 422);
    expect(unknown.body.errors).toHaveProperty('repostable_id');
    const unknownAlbum = await t.as.listener.call('toggleRepost', { body: { repostable_type: 'album', repostable_id: 2147483647 } });
    expectStatus(unknownAlbum, 422);
    const missing = await t.as.listener.callUnchecked('toggleRepost', { body: { repostable_id: foreignTracks[0] } });
    expect(missing.status).toBe(422);
    const badType = await t.as.listener.callUnchecked('toggleRepost', { body: { repostable_type: 'playlist', repostable_id: 1 } });
    expect(badType.status).toBe(422);
    const published = await t.as.listener.callUnchecked('toggleRepost', { body: { track_id: foreignTracks[0] } });
    expect(published.status).toBe(422);
  });

  it('answers 401 without credentials', async () => {
    const reply = await t.as.anonymous.call('toggleRepost', { body: { repostable_type: 'track', repostable_id: foreignTracks[0]! } });
    expectStatus(reply, 401);
  });

  it('caps reposts at 20 an hour (429 repost_limit_reached with retry_after), but never caps removing one', async () => {
    const me = await newAccount();
    await seedReposts(me.id, 19, 10);
    const twentieth = await me.agent.call('toggleRepost', { body: { repostable_type: 'track', repostable_id: foreignTracks[0]! } });
    expectStatus(twentieth, 200);
    const before = await repostsCount(foreignTracks[1]!);
    const over = await me.agent.call('toggleRepost', { body: { repostable_type: 'track', repostable_id: foreignTracks[1]! } });
    expectStatus(over, 429);
    expect(over.body).toMatchObject({ error_code: 'repost_limit_reached' });
    const retryAfter = 'retry_after' in over.body ? over.body.retry_after! : 0;
    // The oldest repost in the window is 10 minutes old: it leaves the hour in about 50 minutes.
    expect(retryAfter).toBeGreaterThan(45 * 60);
    expect(retryAfter).toBeLessThanOrEqual(50 * 60);
    expect(over.headers.get('retry-after')).toBe(String(retryAfter));
    expect(await repostsCount(foreignTracks[1]!)).toBe(before);
    // Albums count against the same cap.
    expectStatus(await me.agent.call('toggleRepost', { body: { repostable_type: 'album', repostable_id: foreignAlbum } }), 429);

    const undo = await me.agent.call('toggleRepost', { body: { repostable_type: 'track', repostable_id: foreignTracks[0]! } });
    expectStatus(undo, 200);
    expect(undo.body.action).toBe('removed');
  });

  it('caps reposts at 100 a day', async () => {
    const me = await newAccount();
    await seedReposts(me.id, 100, 120);
    const over = await me.agent.call('toggleRepost', { body: { repostable_type: 'track', repostable_id: foreignTracks[0]! } });
    expectStatus(over, 429);
    expect(over.body).toMatchObject({ error_code: 'repost_limit_reached' });
    // The oldest is two hours old: it leaves the day in about 22 hours.
    const retryAfter = 'retry_after' in over.body ? over.body.retry_after! : 0;
    expect(retryAfter).toBeGreaterThan(21 * 3600);
    expect(retryAfter).toBeLessThanOrEqual(22 * 3600);
  });

  it('never passes the hourly cap under concurrent reposts', async () => {
    const me = await newAccount();
    await seedReposts(me.id, 17, 5);
    const tracks = (
      await t.server.rows<{ id: number }>(sql`
      select id from tracks where id not in (select track_id from track_reposts where user_id = ${me.id})
        and owner_id is distinct from ${me.id} order by id limit 10`)
    ).map((r) => r.id);
    const replies = await Promise.all(tracks.map((id) => me.agent.call('toggleRepost', { body: { repostable_type: 'track', repostable_id: id } })));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(3);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(7);
    const [held] = await t.server.rows<{ n: number }>(sql`select count(*)::int as n from track_reposts where user_id = ${me.id}`);
    expect(held!.n).toBe(20);
  });

  it('keeps reposts_count exact when many users repost one track at once', async () => {
    const track = foreignTracks[2]!;
    const accounts = await Promise.all(Array.from({ length: 8 }, () => newAccount()));
    const before = await repostsCount(track);
    const rowsBefore = await repostRows(track);
    const replies = await Promise.all(accounts.map((a) => a.agent.call('toggleRepost', { body: { repostable_type: 'track', repostable_id: track } })));
    for (const reply of replies) expectStatus(reply, 200);
    expect(await repostsCount(track)).toBe(before + 8);
    expect(await repostRows(track)).toBe(rowsBefore + 8);
  });

  it("only ever touches the caller's own reposts", async () => {
    const a = await newAccount();
    const b = await newAccount();
    const track = foreignTracks[1]!;
    expectStatus(await a.agent.call('toggleRepost', { body: { repostable_type: 'track', repostable_id: track } }), 200);
    // B toggling the same track adds B's repost; it does not remove A's.
    const byB = await b.agent.call('toggleRepost', { body: { repostable_type: 'track', repostable_id: track } });
    expectStatus(byB, 200);
    expect(byB.body.action).toBe('added');
    const holders = await t.server.rows<{ user_id: number }>(sql`
      select user_id from track_reposts where track_id = ${track} and user_id in (${a.id}, ${b.id}) order by user_id`);
    expect(holders.map((r) => r.user_id)).toEqual([a.id, b.id].sort((x, y) => x - y));
    // B removing theirs leaves A's.
    expectStatus(await b.agent.call('toggleRepost', { body: { repostable_type: 'track', repostable_id: track } }), 200);
    const [left] = await t.server.rows(sql`select 1 from track_reposts where track_id = ${track} and user_id = ${a.id}`);
    expect(left).toBeDefined();
  });
});

describe('GET /api/v1/users/{user_id}/reposts', () => {
  let owner: Account;
  beforeAll(async () => {
    owner = await newAccount();
    expectStatus(await owner.agent.call('toggleRepost', { body: { repostable_type: 'track', repostable_id: foreignTracks[0]! } }), 200);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expectStatus(await owner.agent.call('toggleRepost', { body: { repostable_type: 'album', repostable_id: foreignAlbum } }), 200);
  });

  it('lists reposts newest first, minimal for anonymous callers', async () => {
    const reply = await t.as.anonymous.call('listUserReposts', { path: { user_id: String(owner.id) } });
    expectStatus(reply, 200);
    const data = reply.body.pagination.data;
    expect(data.map((r) => [r.repostable_type, r.repostable_id])).toEqual([
      ['album', foreignAlbum],
      ['track', foreignTracks[0]],
    ]);
    expect(Object.keys(data[1]!.repostable).sort()).toEqual(['created_at', 'duration_text', 'id', 'image', 'model_type', 'name']);
    expect(reply.body.pagination).not.toHaveProperty('total');
  });

  it('gives rich items to signed-in callers, pages simply, and serves `me`', async () => {
    const rich = await t.as.listener.call('listUserReposts', { path: { user_id: String(owner.id) }, query: { per_page: 1 } });
    expectStatus(rich, 200);
    expect(rich.body.pagination.data).toHaveLength(1);
    expect(rich.body.pagination.next_page_url).toContain('page=2');
    expect(rich.body.pagination.data[0]!.repostable).toHaveProperty('plays');
    const second = await t.as.listener.call('listUserReposts', { path: { user_id: String(owner.id) }, query: { per_page: 1, page: 2 } });
    expectStatus(second, 200);
    expect(second.body.pagination.data[0]!.repostable_type).toBe('track');
    expect(second.body.pagination.next_page_url).toBeNull();

    const me = await owner.agent.call('listUserReposts', { path: { user_id: 'me' } });
    expectStatus(me, 200);
    expect(me.body.pagination.data).toHaveLength(2);
  });

  it('answers 404 for an unknown user and 401 for an anonymous `me`', async () => {
    expectStatus(await t.as.anonymous.call('listUserReposts', { path: { user_id: '2147483647' } }), 404);
    expectStatus(await t.as.anonymous.call('listUserReposts', { path: { user_id: '9999999999' } }), 404);
    expectStatus(await t.as.anonymous.call('listUserReposts', { path: { user_id: 'me' } }), 401);
  });
});
