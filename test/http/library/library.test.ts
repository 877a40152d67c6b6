// The library: add and remove (batch rules, 409 when everything is already saved, 422 per
// unknown item, the 10,000-item cap, also under concurrent requests), the exact
// `likes_count`, cross-user isolation, and the liked lists and a user's playlists at both
// access tiers.
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

type Likeable = { likeable_id: number; likeable_type: 'track' | 'album' | 'artist' };

async function newAccount(): Promise<Account> {
  const email = `librarian-${randomUUID().slice(0, 8)}@beatpass.test`;
  const registered = await t.server.agent().call('register', { body: { email, password: DEMO_PASSWORD, password_confirmation: DEMO_PASSWORD } });
  expect(registered.status, JSON.stringify(registered.body)).toBeLessThan(300);
  const [row] = await t.server.rows<{ id: number }>(sql`select id from users where email = ${email}`);
  return { agent: await t.server.signIn(email), id: row!.id };
}

const add = (agent: Agent, likeables: Likeable[]) => agent.call('addToLibrary', { body: { likeables } });
const remove = (agent: Agent, likeables: Likeable[]) => agent.call('removeFromLibrary', { body: { likeables } });
const track = (id: number): Likeable => ({ likeable_id: id, likeable_type: 'track' });

const likesCount = async (trackId: number) => (await t.server.rows<{ n: number }>(sql`select likes_count as n from tracks where id = ${trackId}`))[0]!.n;
const likeRows = async (trackId: number) =>
  (await t.server.rows<{ n: number }>(sql`select count(*)::int as n from track_likes where track_id = ${trackId}`))[0]!.n;
const librarySize = async (userId: number) =>
  (
    await t.server.rows<{ n: number }>(sql`select ((select count(*) from track_likes where user_id = ${userId})
      + (select count(*) from album_likes where user_id = ${userId}) + (select count(*) from artist_likes where user_id = ${userId}))::int as n`)
  )[0]!.n;

let trackIds: number[];
let albumId: number;
let artistId: number;

beforeAll(async () => {
  trackIds = (await t.server.rows<{ id: number }>(sql`select id from tracks order by id limit 6`)).map((r) => r.id);
  [{ id: albumId }] = (await t.server.rows<{ id: number }>(sql`select id from albums order by id limit 1`)) as [{ id: number }];
  [{ id: artistId }] = (await t.server.rows<{ id: number }>(sql`select id from artists order by id limit 1`)) as [{ id: number }];
});

describe('POST /api/v1/users/me/add-to-library and remove-from-library', () => {
  it('saves a track, an album and an artist, raising likes_count by one, and removes them again', async () => {
    const me = await newAccount();
    const before = await likesCount(trackIds[0]!);
    const added = await add(me.agent, [
      track(trackIds[0]!),
      { likeable_id: albumId, likeable_type: 'album' },
      { likeable_id: artistId, likeable_type: 'artist' },
      track(trackIds[0]!),
    ]);
    expectStatus(added, 200);
    expect(added.body).toEqual({ status: 'success', added_count: 3, duplicate_count: 0 });
    expect(await likesCount(trackIds[0]!)).toBe(before + 1);
    expect(await librarySize(me.id)).toBe(3);

    // Partly saved already: the new one is added, the old one counted as a duplicate.
    const partly = await add(me.agent, [track(trackIds[0]!), track(trackIds[1]!)]);
    expectStatus(partly, 200);
    expect(partly.body).toEqual({ status: 'success', added_count: 1, duplicate_count: 1 });

    const removed = await remove(me.agent, [
      track(trackIds[0]!),
      { likeable_id: albumId, likeable_type: 'album' },
      { likeable_id: artistId, likeable_type: 'artist' },
    ]);
    expectStatus(removed, 200);
    expect(removed.body).toEqual({ status: 'success', removed_count: 3 });
    expect(await likesCount(trackIds[0]!)).toBe(before);
    // Removing again changes nothing, and the count does not move.
    const again = await remove(me.agent, [track(trackIds[0]!)]);
    expectStatus(again, 200);
    expect(again.body.removed_count).toBe(0);
    expect(await likesCount(trackIds[0]!)).toBe(before);
  });

  it('answers 409 when every item is already saved, and leaves likes_count alone', async () => {
    const me = await newAccount();
    expectStatus(await add(me.agent, [track(trackIds[2]!)]), 200);
    const count = await likesCount(trackIds[2]!);
    const dup = await add(me.agent, [track(trackIds[2]!)]);
    expectStatus(dup, 409);
    expect(dup.body.message).toBe('Already saved to your library.');
    expect(await likesCount(trackIds[2]!)).toBe(count);
  });

  it('answers 422 on each unknown item (likeables.N.likeable_id), adding nothing', async () => {
    const me = await newAccount();
    const reply = await add(me.agent, [track(trackIds[0]!), track(2147483647), { likeable_id: 2147483647, likeable_type: 'artist' }]);
    expectStatus(reply, 422);
    expect(Object.keys(reply.body.errors).sort()).toEqual(['likeables.1.likeable_id', 'likeables.2.likeable_id']);
    expect(await librarySize(me.id)).toBe(0);
    const removeUnknown = await remove(me.agent, [{ likeable_id: 2147483647, likeable_type: 'album' }]);
    expectStatus(removeUnknown, 422);
    expect(removeUnknown.body.errors).toHaveProperty(['likeables.0.likeable_id']);
  });

  it('answers 422 for a bad body: empty list, unknown type, S-style track_id', async () => {
    expect((await t.as.listener.callUnchecked('addToLibrary', { body: { likeables: [] } })).status).toBe(422);
    expect((await t.as.listener.callUnchecked('addToLibrary', { body: { likeables: [{ likeable_id: 1, likeable_type: 'playlist' }] } })).status).toBe(422);
    expect((await t.as.listener.callUnchecked('addToLibrary', { body: { track_id: trackIds[0] } })).status).toBe(422);
    expect((await t.as.listener.callUnchecked('removeFromLibrary', { body: { track_id: trackIds[0] } })).status).toBe(422);
  });

  it('answers 401 without credentials', async () => {
    expectStatus(await add(t.as.anonymous, [track(trackIds[0]!)]), 401);
    expectStatus(await remove(t.as.anonymous, [track(trackIds[0]!)]), 401);
  });

  it('caps the library at 10,000 items across tracks, albums and artists (429 library_full)', async () => {
    const me = await newAccount();
    // 9,998 items seeded directly: a few seeded tracks and albums, the rest filler artists
    // (the demo catalog is far smaller than a full library).
    await t.server.rows(sql`insert into track_likes (track_id, user_id) select id, ${me.id} from tracks
      where id not in (${sql.join(
        trackIds.map((id) => sql`${id}`),
        sql`, `,
      )}) order by id limit 50`);
    await t.server.rows(sql`insert into album_likes (album_id, user_id) select id, ${me.id} from albums where id <> ${albumId} order by id limit 5`);
    const filler = 9998 - (await librarySize(me.id));
    await t.server.rows(sql`
      with filler as (insert into artists (name) select 'Library filler ' || g from generate_series(1, ${filler}) g returning id)
      insert into artist_likes (artist_id, user_id) select id, ${me.id} from filler`);
    expect(await librarySize(me.id)).toBe(9998);

    // Three new items would make 10,001: nothing is added.
    const before = await likesCount(trackIds[0]!);
    const over = await add(me.agent, [track(trackIds[0]!), track(trackIds[1]!), { likeable_id: albumId, likeable_type: 'album' }]);
    expectStatus(over, 429);
    expect(over.body).toEqual({ message: 'Library full. Your library can hold at most 10000 items.', error_code: 'library_full' });
    expect(await librarySize(me.id)).toBe(9998);
    expect(await likesCount(trackIds[0]!)).toBe(before);

    // Concurrent adds of single items: exactly two fit.
    const replies = await Promise.all(trackIds.slice(0, 5).map((id) => add(me.agent, [track(id)])));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(2);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(3);
    expect(await librarySize(me.id)).toBe(10_000);

    // Making room lets the next one in.
    expectStatus(await remove(me.agent, [{ likeable_id: artistId, likeable_type: 'artist' }, track(trackIds[0]!), track(trackIds[1]!)]), 200);
    expectStatus(await add(me.agent, [{ likeable_id: albumId, likeable_type: 'album' }]), 200);
  });

  it('raises likes_count by exactly N when N users like one track at once', async () => {
    const target = trackIds[3]!;
    const accounts = await Promise.all(Array.from({ length: 10 }, () => newAccount()));
    const before = await likesCount(target);
    const rowsBefore = await likeRows(target);
    const replies = await Promise.all(accounts.map((a) => add(a.agent, [track(target)])));
    for (const reply of replies) expectStatus(reply, 200);
    expect(await likesCount(target)).toBe(before + 10);
    expect(await likeRows(target)).toBe(rowsBefore + 10);

    const removals = await Promise.all(accounts.map((a) => remove(a.agent, [track(target)])));
    for (const reply of removals) expectStatus(reply, 200);
    expect(await likesCount(target)).toBe(before);
  });

  it("keeps likes_count consistent with the rows when one user's adds and removes race", async () => {
    const me = await newAccount();
    const target = trackIds[4]!;
    const before = await likesCount(target);
    const rowsBefore = await likeRows(target);
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? add(me.agent, [track(target)]) : remove(me.agent, [track(target)]))));
    for (const reply of replies) expect([200, 409]).toContain(reply.status);
    const [mine] = await t.server.rows<{ n: number }>(sql`select count(*)::int as n from track_likes where track_id = ${target} and user_id = ${me.id}`);
    expect(await likeRows(target)).toBe(rowsBefore + mine!.n);
    expect(await likesCount(target)).toBe(before + mine!.n);
  });

  it("only ever changes the caller's own library", async () => {
    const a = await newAccount();
    const b = await newAccount();
    expectStatus(await add(a.agent, [track(trackIds[5]!), { likeable_id: albumId, likeable_type: 'album' }]), 200);
    // B saving the same items adds B's rows (not a 409 from A's); B removing them leaves A's.
    expectStatus(await add(b.agent, [track(trackIds[5]!), { likeable_id: albumId, likeable_type: 'album' }]), 200);
    expectStatus(await remove(b.agent, [track(trackIds[5]!), { likeable_id: albumId, likeable_type: 'album' }]), 200);
    expect(await librarySize(a.id)).toBe(2);
    expect(await librarySize(b.id)).toBe(0);
  });
});

describe('liked lists and playlists of a user', () => {
  let owner: Account;
  let privatePlaylist: number;
  let publicFollowed: number;

  beforeAll(async () => {
    owner = await newAccount();
    expectStatus(await add(owner.agent, [track(trackIds[0]!)]), 200);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expectStatus(
      await add(owner.agent, [track(trackIds[1]!), { likeable_id: albumId, likeable_type: 'album' }, { likeable_id: artistId, likeable_type: 'artist' }]),
      200,
    );
    const created = await owner.agent.call('createPlaylist', { body: { name: `Private ${randomUUID().slice(0, 6)}` } });
    expectStatus(created, 200);
    privatePlaylist = created.body.playlist.id;
    const [pub] = await t.server.rows<{ id: number }>(sql`select id from playlists where public and owner_id <> ${owner.id} order by id limit 1`);
    publicFollowed = pub!.id;
    expectStatus(await owner.agent.call('followPlaylist', { path: { playlist_id: publicFollowed } }), 200);
  });

  it('lists liked tracks most recently liked first, minimal for anonymous and rich for signed-in callers', async () => {
    const anon = await t.as.anonymous.call('listLikedTracks', { path: { user_id: String(owner.id) } });
    expectStatus(anon, 200);
    expect(anon.body.pagination.data.map((x) => x.id)).toEqual([trackIds[1], trackIds[0]]);
    expect(anon.body.pagination.per_page).toBe(15);
    expect(anon.body.pagination.data[0]).not.toHaveProperty('likes_count');
    const rich = await owner.agent.call('listLikedTracks', { path: { user_id: 'me' }, query: { perPage: 1 } });
    expectStatus(rich, 200);
    expect(rich.body.pagination).toMatchObject({ total: 2, per_page: 1 });
    expect(rich.body.pagination.data[0]).toMatchObject({ id: trackIds[1], is_liked: true });
  });

  it('lists liked albums and artists (30 a page)', async () => {
    const albumsReply = await t.as.anonymous.call('listLikedAlbums', { path: { user_id: String(owner.id) } });
    expectStatus(albumsReply, 200);
    expect(albumsReply.body.pagination).toMatchObject({ per_page: 30, total: 1 });
    expect(albumsReply.body.pagination.data[0]).toMatchObject({ id: albumId, model_type: 'album' });
    const albumsRich = await t.as.listener.call('listLikedAlbums', { path: { user_id: String(owner.id) } });
    expectStatus(albumsRich, 200);
    expect(albumsRich.body.pagination.data[0]).toHaveProperty('plays');

    const artistsAnon = await t.as.anonymous.call('listLikedArtists', { path: { user_id: String(owner.id) } });
    expectStatus(artistsAnon, 200);
    expect(artistsAnon.body.pagination.data).toEqual([{ id: artistId, name: expect.any(String), model_type: 'artist' }]);
    const artistsRich = await t.as.listener.call('listLikedArtists', { path: { user_id: String(owner.id) }, query: { per_page: 5 } });
    expectStatus(artistsRich, 200);
    expect(artistsRich.body.pagination.data[0]).toHaveProperty('followers_count');
  });

  it("lists a user's playlists: public ones to others, private owned ones too for the user", async () => {
    const others = await t.as.listener.call('listUserPlaylists', { path: { user_id: String(owner.id) } });
    expectStatus(others, 200);
    const seen = others.body.pagination.data.map((p) => p.id);
    expect(seen).toContain(publicFollowed);
    expect(seen).not.toContain(privatePlaylist);
    expect(others.body.pagination.per_page).toBe(20);

    const anon = await t.as.anonymous.call('listUserPlaylists', { path: { user_id: String(owner.id) } });
    expectStatus(anon, 200);
    expect(anon.body.pagination.data.map((p) => p.id)).toEqual(seen);

    const self = await owner.agent.call('listUserPlaylists', { path: { user_id: 'me' } });
    expectStatus(self, 200);
    expect(self.body.pagination.data.map((p) => p.id)).toEqual(expect.arrayContaining([privatePlaylist, publicFollowed]));
  });

  it('answers 404 for an unknown user and 401 for an anonymous `me`', async () => {
    for (const op of ['listLikedTracks', 'listLikedAlbums', 'listLikedArtists', 'listUserPlaylists'] as const) {
      expectStatus(await t.as.anonymous.call(op, { path: { user_id: '2147483647' } }), 404);
      expectStatus(await t.as.anonymous.call(op, { path: { user_id: 'me' } }), 401);
    }
  });
});
