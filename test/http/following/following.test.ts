// Following users and artists: every documented answer, the shared 5,000 cap (reached with
// rows seeded by SQL), cross-user safety (the caller is always the follower) and exact
// counts under concurrent follows.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEMO_PRODUCER_EMAIL } from '../../../server/seed/seed.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';
import { freshUsers, plainUserIds, type FreshUser } from './support.js';

const t = useTestServer({ signIn: ['listener', 'producer'] });
let artistIds: number[] = [];
let producerArtist = 0;

beforeAll(async () => {
  producerArtist = await t.server.artistIdOf(DEMO_PRODUCER_EMAIL);
  artistIds = (await t.server.rows<{ id: number }>(sql`select id from artists where id <> ${producerArtist} order by id limit 3`)).map((r) => r.id);
});

const followRow = async (follower: number, followed: number) =>
  (await t.server.rows(sql`select 1 from user_follows where follower_id = ${follower} and followed_id = ${followed}`)).length;
const followerCount = async (userId: number) =>
  (await t.server.rows<{ n: number }>(sql`select count(*)::int as n from user_follows where followed_id = ${userId}`))[0]!.n;

/** Seeds `n` follows for `userId` by SQL: `users` of them of new accounts, the rest of artists. */
async function seedFollows(userId: number, users: number, artists: number) {
  const targets = await plainUserIds(t.server, users);
  await t.server.rows(sql`insert into user_follows (follower_id, followed_id) select ${userId}, unnest(${`{${targets.join(',')}}`}::int[])`);
  if (artists > 0) {
    await t.server.rows(sql`insert into artist_followers (artist_id, user_id) select id, ${userId} from artists order by id limit ${artists}`);
  }
}

describe('following users', () => {
  let a: FreshUser;
  let b: FreshUser;
  beforeAll(async () => {
    [a, b] = (await freshUsers(t.server, 2)) as [FreshUser, FreshUser];
  });

  it('follows, reports the status, refuses a second follow with 409 and unfollows', async () => {
    expectStatus(await a.agent.call('getUserFollowStatus', { path: { user_id: String(b.id) } }), 200);
    const followed = await a.agent.call('followUser', { path: { user_id: String(b.id) } });
    expectStatus(followed, 200);
    expect(followed.body).toEqual({ status: 'success' });
    expect(await followRow(a.id, b.id)).toBe(1);

    const status = await a.agent.call('getUserFollowStatus', { path: { user_id: String(b.id) } });
    expectStatus(status, 200);
    expect(status.body).toEqual({ following: true });
    // Following is one-way.
    const reverse = await b.agent.call('getUserFollowStatus', { path: { user_id: String(a.id) } });
    expectStatus(reverse, 200);
    expect(reverse.body).toEqual({ following: false });

    const again = await a.agent.call('followUser', { path: { user_id: String(b.id) } });
    expectStatus(again, 409);
    expect(again.body).toEqual({ message: 'You are already following this user.' });

    expectStatus(await a.agent.call('unfollowUser', { path: { user_id: String(b.id) } }), 200);
    expect(await followRow(a.id, b.id)).toBe(0);
    const notFollowing = await a.agent.call('unfollowUser', { path: { user_id: String(b.id) } });
    expectStatus(notFollowing, 404);
    expect(notFollowing.body).toEqual({ message: 'You are not following this user.' });
  });

  it('refuses self-follows with 403, by id and through `me`', async () => {
    for (const user_id of ['me', String(a.id)]) {
      const reply = await a.agent.call('followUser', { path: { user_id } });
      expectStatus(reply, 403);
      expect(reply.body).toEqual({ message: 'You cannot follow yourself.' });
    }
    expect(await followRow(a.id, a.id)).toBe(0);
    const status = await a.agent.call('getUserFollowStatus', { path: { user_id: 'me' } });
    expectStatus(status, 200);
    expect(status.body).toEqual({ following: false });
  });

  it('answers 404 for unknown users, including ids beyond the column range', async () => {
    for (const user_id of ['2147483000', '9999999999']) {
      const follow = await a.agent.call('followUser', { path: { user_id } });
      expectStatus(follow, 404);
      expect(follow.body).toEqual({ message: 'User not found.' });
      expectStatus(await a.agent.call('unfollowUser', { path: { user_id } }), 404);
      expectStatus(await a.agent.call('getUserFollowStatus', { path: { user_id } }), 404);
      expectStatus(await t.as.anonymous.call('listUserFollowers', { path: { user_id } }), 404);
      expectStatus(await t.as.anonymous.call('listFollowedUsers', { path: { user_id } }), 404);
    }
  });

  it('refuses a malformed user id with 422 and anonymous writes with 401', async () => {
    const bad = await a.agent.callUnchecked('followUser', { path: { user_id: 'someone' } });
    expect(bad.status).toBe(422);
    expectStatus(await t.as.anonymous.call('followUser', { path: { user_id: String(b.id) } }), 401);
    expectStatus(await t.as.anonymous.call('unfollowUser', { path: { user_id: String(b.id) } }), 401);
  });

  it('answers anonymous status reads with false, and `me` without a caller with 401', async () => {
    const status = await t.as.anonymous.call('getUserFollowStatus', { path: { user_id: String(b.id) } });
    expectStatus(status, 200);
    expect(status.body).toEqual({ following: false });
    expectStatus(await t.as.anonymous.call('getUserFollowStatus', { path: { user_id: 'me' } }), 401);
    expectStatus(await t.as.anonymous.call('listUserFollowers', { path: { user_id: 'me' } }), 401);
    expectStatus(await t.as.anonymous.call('listFollowedUsers', { path: { user_id: 'me' } }), 401);
  });

  it('lists followers (simple pages) and followed users (length-aware), newest follow first, for ids and `me`', async () => {
    const [target, ...fans] = await freshUsers(t.server, 4);
    for (const fan of fans) expectStatus(await fan.agent.call('followUser', { path: { user_id: String(target!.id) } }), 200);

    const first = await t.as.anonymous.call('listUserFollowers', { path: { user_id: String(target!.id) }, query: { perPage: 2 } });
    expectStatus(first, 200);
    expect(first.body.pagination.data.map((u) => u.id)).toEqual([fans[2]!.id, fans[1]!.id]);
    expect(first.body.pagination.next_page_url).not.toBeNull();
    expect(first.body.pagination).not.toHaveProperty('total');
    expect(Object.keys(first.body.pagination.data[0]!)).not.toContain('email');
    const second = await t.as.anonymous.call('listUserFollowers', { path: { user_id: String(target!.id) }, query: { perPage: 2, page: 2 } });
    expectStatus(second, 200);
    expect(second.body.pagination.data.map((u) => u.id)).toEqual([fans[0]!.id]);
    expect(second.body.pagination.next_page_url).toBeNull();

    const mine = await target!.agent.call('listUserFollowers', { path: { user_id: 'me' } });
    expectStatus(mine, 200);
    expect(mine.body.pagination.per_page).toBe(20);
    expect(mine.body.pagination.data.map((u) => u.id)).toEqual(fans.map((f) => f.id).reverse());

    const followed = await fans[0]!.agent.call('listFollowedUsers', { path: { user_id: 'me' } });
    expectStatus(followed, 200);
    expect(followed.body.pagination.total).toBe(1);
    expect(followed.body.pagination.per_page).toBe(20);
    expect(followed.body.pagination.data.map((u) => u.id)).toEqual([target!.id]);
    const byId = await t.as.listener.call('listFollowedUsers', { path: { user_id: String(fans[0]!.id) }, query: { per_page: 1 } });
    expectStatus(byId, 200);
    expect(byId.body.pagination.data.map((u) => u.id)).toEqual([target!.id]);
  });

  it('changes only the caller’s own follows (cross-user)', async () => {
    const [x, y, z] = await freshUsers(t.server, 3);
    expectStatus(await x!.agent.call('followUser', { path: { user_id: String(z!.id) } }), 200);
    // y cannot remove x's follow of z: y has none, and no route names a follower.
    expectStatus(await y!.agent.call('unfollowUser', { path: { user_id: String(z!.id) } }), 404);
    expect(await followRow(x!.id, z!.id)).toBe(1);
    // Following z as y creates y's follow only.
    expectStatus(await y!.agent.call('followUser', { path: { user_id: String(z!.id) } }), 200);
    expect(await followRow(y!.id, z!.id)).toBe(1);
    expect(await followRow(x!.id, z!.id)).toBe(1);
    // y's status says nothing of x's follows.
    const status = await y!.agent.call('getUserFollowStatus', { path: { user_id: String(x!.id) } });
    expectStatus(status, 200);
    expect(status.body).toEqual({ following: false });
  });
});

describe('following artists', () => {
  let fan: FreshUser;
  beforeAll(async () => {
    [fan] = (await freshUsers(t.server, 1)) as [FreshUser];
  });

  it('follows, shows it on the artist, refuses repeats, and unfollows (409 when not following)', async () => {
    const artist_id = artistIds[0]!;
    const before = await fan.agent.call('getArtist', { path: { artist_id } });
    expectStatus(before, 200);
    const count = (before.body as { artist: { followers_count: number } }).artist.followers_count;

    const status0 = await fan.agent.call('getArtistFollowStatus', { path: { artist_id } });
    expectStatus(status0, 200);
    expect(status0.body).toEqual({ following: false });
    expectStatus(await fan.agent.call('followArtist', { path: { artist_id } }), 200);
    const status1 = await fan.agent.call('getArtistFollowStatus', { path: { artist_id } });
    expectStatus(status1, 200);
    expect(status1.body).toEqual({ following: true });

    const after = await fan.agent.call('getArtist', { path: { artist_id } });
    expectStatus(after, 200);
    expect(after.body).toMatchObject({ artist: { followers_count: count + 1, is_following: true } });
    const followers = await t.as.anonymous.call('listArtistFollowers', { path: { artist_id } });
    expectStatus(followers, 200);
    expect(followers.body.pagination.data[0]!.id).toBe(fan.id);

    const again = await fan.agent.call('followArtist', { path: { artist_id } });
    expectStatus(again, 409);
    expect(again.body).toEqual({ message: 'You are already following this artist.' });

    expectStatus(await fan.agent.call('unfollowArtist', { path: { artist_id } }), 200);
    const notFollowing = await fan.agent.call('unfollowArtist', { path: { artist_id } });
    expectStatus(notFollowing, 409);
    expect(notFollowing.body).toEqual({ message: 'You are not following this artist.' });
  });

  it('answers 404 for an unknown artist on every route', async () => {
    const artist_id = 2_147_483_000;
    for (const op of ['followArtist', 'unfollowArtist', 'getArtistFollowStatus'] as const) {
      const reply = await fan.agent.call(op, { path: { artist_id } });
      expectStatus(reply, 404);
      expect(reply.body).toEqual({ message: 'Artist not found.' });
    }
  });

  it('refuses following an artist profile the caller manages (403)', async () => {
    const reply = await t.as.producer.call('followArtist', { path: { artist_id: producerArtist } });
    expectStatus(reply, 403);
    expect(reply.body).toEqual({ message: 'You cannot follow your own artist profile.' });
  });

  it('needs a signed-in caller', async () => {
    expectStatus(await t.as.anonymous.call('followArtist', { path: { artist_id: artistIds[0]! } }), 401);
    expectStatus(await t.as.anonymous.call('unfollowArtist', { path: { artist_id: artistIds[0]! } }), 401);
    expectStatus(await t.as.anonymous.call('getArtistFollowStatus', { path: { artist_id: artistIds[0]! } }), 401);
  });

  it('changes only the caller’s own artist follows (cross-user)', async () => {
    const [x, y] = await freshUsers(t.server, 2);
    const artist_id = artistIds[1]!;
    expectStatus(await x!.agent.call('followArtist', { path: { artist_id } }), 200);
    expectStatus(await y!.agent.call('unfollowArtist', { path: { artist_id } }), 409);
    const rows = await t.server.rows(sql`select 1 from artist_followers where artist_id = ${artist_id} and user_id = ${x!.id}`);
    expect(rows).toHaveLength(1);
  });
});

describe('the follow cap of 5,000 users and artists together', () => {
  it('refuses the 5,001st follow with 429 follow_limit_reached, for users and artists alike', async () => {
    const [capped, other] = (await freshUsers(t.server, 2)) as [FreshUser, FreshUser];
    await seedFollows(capped.id, 4_998, 1);
    // The 5,000th follow still fits.
    expectStatus(await capped.agent.call('followUser', { path: { user_id: String(other.id) } }), 200);

    const [extra] = await plainUserIds(t.server, 1);
    const refused = await capped.agent.call('followUser', { path: { user_id: String(extra) } });
    expectStatus(refused, 429);
    expect(refused.body).toEqual({
      message: 'Follow limit reached. You can follow at most 5,000 users and artists.',
      error_code: 'follow_limit_reached',
    });
    const artist = await capped.agent.call('followArtist', { path: { artist_id: artistIds[2]! } });
    expectStatus(artist, 429);
    expect(artist.body).toMatchObject({ error_code: 'follow_limit_reached' });

    // A repeat is still a 409, not a 429: it would not be a new follow.
    expectStatus(await capped.agent.call('followUser', { path: { user_id: String(other.id) } }), 409);

    // Making room lets the next follow in.
    expectStatus(await capped.agent.call('unfollowUser', { path: { user_id: String(other.id) } }), 200);
    expectStatus(await capped.agent.call('followUser', { path: { user_id: String(extra) } }), 200);
  });

  it('holds under concurrent follows by one user near the cap', async () => {
    const [racer] = (await freshUsers(t.server, 1)) as [FreshUser];
    await seedFollows(racer.id, 4_997, 0);
    const targets = await plainUserIds(t.server, 8);
    const replies = await Promise.all(targets.map((id) => racer.agent.call('followUser', { path: { user_id: String(id) } })));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(3);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(5);
    const [{ n }] = (await t.server.rows<{ n: number }>(sql`select count(*)::int as n from user_follows where follower_id = ${racer.id}`)) as [{ n: number }];
    expect(n).toBe(5_000);
  });
});

describe('concurrent follows of one user', () => {
  it('counts exactly N followers after N different users follow at once', async () => {
    const [star, ...fans] = await freshUsers(t.server, 13);
    const replies = await Promise.all(fans.map((fan) => fan.agent.call('followUser', { path: { user_id: String(star!.id) } })));
    expect(replies.map((r) => r.status)).toEqual(fans.map(() => 200));
    expect(await followerCount(star!.id)).toBe(12);
    const profile = await star!.agent.call('getUserProfile', { path: { user_id: 'me' } });
    expectStatus(profile, 200);
    expect(profile.body.user).toMatchObject({ counts: { followers: 12 } });

    // The same user racing itself follows once: one 200, the rest 409.
    const [solo] = await freshUsers(t.server, 1);
    const racing = await Promise.all([1, 2, 3, 4].map(() => solo!.agent.call('followUser', { path: { user_id: String(star!.id) } })));
    expect(racing.filter((r) => r.status === 200)).toHaveLength(1);
    expect(racing.filter((r) => r.status === 409)).toHaveLength(3);
    expect(await followerCount(star!.id)).toBe(13);
  });
});

describe('malformed ids', () => {
  it('answers 422 for a user or artist id the pattern refuses', async () => {
    const userOps = ['unfollowUser', 'getUserFollowStatus', 'listUserFollowers', 'listFollowedUsers'] as const;
    for (const op of userOps) expect((await t.as.listener.callUnchecked(op, { path: { user_id: '0' } })).status, op).toBe(422);
    const artistOps = ['followArtist', 'unfollowArtist', 'getArtistFollowStatus'] as const;
    for (const op of artistOps) expect((await t.as.listener.callUnchecked(op, { path: { artist_id: 'abc' } })).status, op).toBe(422);
  });
});
