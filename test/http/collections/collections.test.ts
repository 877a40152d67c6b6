// Collections: CRUD, bounds, visibility across users (own + featured readable, nothing else),
// featured and recommended lists computed from the data, and exact play counts under
// concurrent plays. Each test makes its own accounts, tracks and collections, so seeded demo
// collections never decide an answer.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../server/seed/seed.js';
import { useTestServer } from '../../support/fixture.js';
import { type Agent, expectStatus } from '../../support/http.js';

const t = useTestServer();

interface User {
  agent: Agent;
  id: number;
}

/** A new listener account, signed in through the web sign-in. */
async function newUser(): Promise<User> {
  const email = `collector-${randomUUID().slice(0, 8)}@beatpass.test`;
  const registered = await t.server.agent().call('register', { body: { email, password: DEMO_PASSWORD, password_confirmation: DEMO_PASSWORD } });
  expect(registered.status, JSON.stringify(registered.body)).toBeLessThan(300);
  const [row] = await t.server.rows<{ id: number }>(sql`select id from users where email = ${email}`);
  return { agent: await t.server.signIn(email), id: row!.id };
}

/** New tracks (names unique across the catalog), optionally in a genre and by an artist. */
async function newTracks(n: number, options: { genreId?: number; artistId?: number; image?: string | null } = {}): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const image = options.image === undefined ? `https://example.com/covers/${randomUUID()}.jpg` : options.image;
    const [row] = await t.server.rows<{ id: number }>(sql`
      insert into tracks (name, duration_ms, bpm, key, scale, licensing_type, image)
      values (${`Collection test ${randomUUID()}`}, 180000, 140, 'C', 'minor', 'both', ${image}) returning id`);
    ids.push(row!.id);
    if (options.genreId) await t.server.rows(sql`insert into track_genres (track_id, genre_id) values (${row!.id}, ${options.genreId})`);
    if (options.artistId) await t.server.rows(sql`insert into track_artists (track_id, artist_id) values (${row!.id}, ${options.artistId})`);
  }
  return ids;
}

async function newGenre(): Promise<number> {
  const name = `genre-${randomUUID().slice(0, 8)}`;
  const [row] = await t.server.rows<{ id: number }>(sql`insert into genres (name, display_name) values (${name}, ${name}) returning id`);
  return row!.id;
}

async function newArtist(): Promise<number> {
  const [row] = await t.server.rows<{ id: number }>(sql`insert into artists (name) values (${`Artist ${randomUUID().slice(0, 8)}`}) returning id`);
  return row!.id;
}

let counter = 0;
async function makeCollection(user: User, trackIds: number[], fields: { name?: string; description?: string | null } = {}): Promise<number> {
  const reply = await user.agent.call('createCollection', { body: { name: `Collection ${++counter}`, track_ids: trackIds, ...fields } });
  expectStatus(reply, 201);
  return reply.body.collection.id;
}

async function feature(id: number, featured = true, plays?: number) {
  await t.server.rows(sql`update collections set featured = ${featured} where id = ${id}`);
  if (plays !== undefined) await t.server.rows(sql`update collections set plays = ${plays} where id = ${id}`);
}

async function storedTracks(id: number): Promise<number[]> {
  const rows = await t.server.rows<{ track_id: number }>(sql`select track_id from collection_tracks where collection_id = ${id} order by position`);
  return rows.map((r) => r.track_id);
}

async function allPages(user: User, op: 'listCollections' | 'listFeaturedCollections' | 'listUserCollections' | 'listRecommendedCollections') {
  const reply = await user.agent.call(op, { query: { per_page: 500 } });
  expectStatus(reply, 200);
  expect(reply.body.status).toBe('success');
  return reply.body.pagination.data.map((c) => c.id);
}

let alice: User;
let bob: User;
let tracks: number[];

beforeAll(async () => {
  [alice, bob] = await Promise.all([newUser(), newUser()]);
  tracks = await newTracks(6);
});

describe('POST /api/v1/collections', () => {
  it('creates a collection with its tracks in order, trimmed, and answers 201', async () => {
    const [a, b, c] = tracks;
    const reply = await alice.agent.call('createCollection', {
      body: { name: '  Late night starters  ', description: '  Dark beats.  ', track_ids: [c!, a!, b!] },
    });
    expectStatus(reply, 201);
    expect(reply.body).toEqual({
      status: 'success',
      collection: expect.objectContaining({
        name: 'Late night starters',
        description: 'Dark beats.',
        track_ids: [c, a, b],
        tracks_count: 3,
        featured: false,
        plays: 0,
        model_type: 'collection',
        owner: expect.objectContaining({ id: alice.id }),
      }),
    });
    expect(reply.body.collection.owner.email).toBeUndefined();
    expect(reply.body.collection.images).toHaveLength(3);
    expect(await storedTracks(reply.body.collection.id)).toEqual([c, a, b]);
  });

  it('keeps a repeated track once, at its first place; a missing or empty description is null', async () => {
    const [a, b] = tracks;
    const reply = await alice.agent.call('createCollection', { body: { name: 'Repeats', description: '   ', track_ids: [b!, a!, b!, a!] } });
    expectStatus(reply, 201);
    expect(reply.body.collection).toMatchObject({ track_ids: [b, a], tracks_count: 2, description: null });
    const bare = await alice.agent.call('createCollection', { body: { name: 'Bare', track_ids: [a!] } });
    expectStatus(bare, 201);
    expect(bare.body.collection.description).toBeNull();
  });

  it('shows at most four cover images, skipping tracks without one', async () => {
    const withoutImage = await newTracks(1, { image: null });
    const reply = await alice.agent.call('createCollection', { body: { name: 'Mosaic', track_ids: [...withoutImage, ...tracks] } });
    expectStatus(reply, 201);
    const images = await t.server.rows<{ image: string }>(sql`select image from tracks where id in ${sql.raw(`(${tracks.slice(0, 4).join(',')})`)}`);
    expect(reply.body.collection.images).toHaveLength(4);
    expect(new Set(reply.body.collection.images)).toEqual(new Set(images.map((r) => r.image)));
  });

  it('accepts exactly 500 tracks, a 255-character name and a 1000-character description', async () => {
    const many = await t.server.rows<{ id: number }>(sql`select id from tracks order by id limit 500`);
    if (many.length < 500) many.push(...(await newTracks(500 - many.length)).map((id) => ({ id })));
    const reply = await alice.agent.call('createCollection', {
      body: { name: 'n'.repeat(255), description: 'd'.repeat(1000), track_ids: many.map((r) => r.id) },
    });
    expectStatus(reply, 201);
    expect(reply.body.collection.tracks_count).toBe(500);
  });

  it('refuses out-of-bounds input with 422', async () => {
    const [a] = tracks;
    const cases: { body: unknown; field: string }[] = [
      { body: { name: 'n'.repeat(256), track_ids: [a] }, field: 'name' },
      { body: { name: 'Long', description: 'd'.repeat(1001), track_ids: [a] }, field: 'description' },
      { body: { name: 'Too many', track_ids: Array.from({ length: 501 }, () => a) }, field: 'track_ids' },
      { body: { name: 'None', track_ids: [] }, field: 'track_ids' },
      { body: { name: '', track_ids: [a] }, field: 'name' },
      { body: { name: '   ', track_ids: [a] }, field: 'name' },
      { body: { track_ids: [a] }, field: 'name' },
      { body: { name: 'No tracks' }, field: 'track_ids' },
      { body: { name: 'Bad id', track_ids: ['x'] }, field: 'track_ids.0' },
    ];
    const before = await t.server.rows<{ n: number }>(sql`select count(*)::int as n from collections where user_id = ${alice.id}`);
    for (const { body, field } of cases) {
      const reply = await alice.agent.callUnchecked('createCollection', { body });
      expectStatus(reply, 422);
      expect(Object.keys(reply.body.errors ?? {}), JSON.stringify(body)).toContain(field);
    }
    const after = await t.server.rows<{ n: number }>(sql`select count(*)::int as n from collections where user_id = ${alice.id}`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('reports each unknown track on its item and creates nothing', async () => {
    const [a] = tracks;
    const [{ max }] = (await t.server.rows<{ max: number }>(sql`select max(id)::int as max from tracks`)) as [{ max: number }];
    const reply = await alice.agent.call('createCollection', { body: { name: 'Unknown', track_ids: [a!, max + 1, max + 2] } });
    expectStatus(reply, 422);
    expect(reply.body.errors).toEqual({
      'track_ids.1': ['The selected track_ids.1 is invalid.'],
      'track_ids.2': ['The selected track_ids.2 is invalid.'],
    });
    expect(await t.server.rows(sql`select id from collections where name = 'Unknown'`)).toEqual([]);
  });

  it('needs a signed-in caller (401) and, with a session, the XSRF header (419)', async () => {
    const anonymous = await t.as.anonymous.call('createCollection', { body: { name: 'Nope', track_ids: [tracks[0]!] } });
    expectStatus(anonymous, 401);
    const noXsrf = await alice.agent.call('createCollection', { body: { name: 'Nope', track_ids: [tracks[0]!] }, xsrf: false });
    expectStatus(noXsrf, 419);
  });
});

describe('reading collections across users', () => {
  let alicePrivate: number;
  let aliceFeatured: number;
  let bobPrivate: number;
  let bobFeatured: number;

  beforeAll(async () => {
    alicePrivate = await makeCollection(alice, [tracks[0]!]);
    aliceFeatured = await makeCollection(alice, [tracks[1]!]);
    bobPrivate = await makeCollection(bob, [tracks[2]!]);
    bobFeatured = await makeCollection(bob, [tracks[3]!]);
    await feature(aliceFeatured);
    await feature(bobFeatured);
  });

  it('lets the owner read their collection and everyone signed in read a featured one', async () => {
    const own = await alice.agent.call('getCollection', { path: { collection_id: alicePrivate } });
    expectStatus(own, 200);
    expect(own.body.collection).toMatchObject({ id: alicePrivate, track_ids: [tracks[0]], owner: { id: alice.id } });
    const featured = await alice.agent.call('getCollection', { path: { collection_id: bobFeatured } });
    expectStatus(featured, 200);
    expect(featured.body.collection).toMatchObject({ id: bobFeatured, featured: true, owner: { id: bob.id } });
  });

  it("hides someone else's private collection (404, as an unknown one)", async () => {
    const hidden = await alice.agent.call('getCollection', { path: { collection_id: bobPrivate } });
    expectStatus(hidden, 404);
    expect(hidden.body).toEqual({ message: 'Collection not found.' });
    const [{ max }] = (await t.server.rows<{ max: number }>(sql`select max(id)::int as max from collections`)) as [{ max: number }];
    expectStatus(await alice.agent.call('getCollection', { path: { collection_id: max + 1 } }), 404);
    expectStatus(await alice.agent.callUnchecked('getCollection', { path: { collection_id: 0 } }), 422);
    expectStatus(await t.as.anonymous.call('getCollection', { path: { collection_id: bobFeatured } }), 401);
  });

  it('lists own plus featured (GET /collections), own only (GET /collections/user), featured only (GET /collections/featured)', async () => {
    const visible = await allPages(alice, 'listCollections');
    expect(visible).toEqual(expect.arrayContaining([alicePrivate, aliceFeatured, bobFeatured]));
    expect(visible).not.toContain(bobPrivate);
    // Newest first.
    expect(visible.indexOf(bobFeatured)).toBeLessThan(visible.indexOf(aliceFeatured));

    const mine = await allPages(alice, 'listUserCollections');
    expect(mine).toEqual(expect.arrayContaining([alicePrivate, aliceFeatured]));
    expect(mine).not.toContain(bobFeatured);
    expect(mine).not.toContain(bobPrivate);
    const owned = await t.server.rows<{ n: number }>(sql`select count(*)::int as n from collections where user_id = ${alice.id}`);
    expect(mine).toHaveLength(owned[0]!.n);

    const featured = await allPages(alice, 'listFeaturedCollections');
    expect(featured).toEqual(expect.arrayContaining([aliceFeatured, bobFeatured]));
    expect(featured).not.toContain(alicePrivate);
    expect(featured).not.toContain(bobPrivate);
    for (const op of ['listCollections', 'listFeaturedCollections', 'listUserCollections', 'listRecommendedCollections'] as const) {
      expectStatus(await t.as.anonymous.call(op), 401);
      expectStatus(await alice.agent.callUnchecked(op, { query: { per_page: 501 } }), 422);
    }
  });

  it('pages the lists', async () => {
    const reply = await alice.agent.call('listUserCollections', { query: { per_page: 1, page: 2 } });
    expectStatus(reply, 200);
    expect(reply.body.pagination).toMatchObject({ current_page: 2, per_page: 1 });
    expect(reply.body.pagination.data).toHaveLength(1);
    expect(reply.body.pagination.total).toBeGreaterThanOrEqual(2);
  });

  it('featured follows the flag and the plays: featuring, unfeaturing and playing change the list', async () => {
    const before = await allPages(bob, 'listFeaturedCollections');
    expect(before).not.toContain(alicePrivate);
    await feature(alicePrivate, true, 2_000_000_000);
    const featured = await allPages(bob, 'listFeaturedCollections');
    expect(featured[0]).toBe(alicePrivate);
    // Now featured, Bob may read it too.
    expectStatus(await bob.agent.call('getCollection', { path: { collection_id: alicePrivate } }), 200);
    await feature(alicePrivate, false, 0);
    expect(await allPages(bob, 'listFeaturedCollections')).not.toContain(alicePrivate);
    expectStatus(await bob.agent.call('getCollection', { path: { collection_id: alicePrivate } }), 404);
  });
});

describe('PUT /api/v1/collections/{collection_id}', () => {
  it('changes only the fields sent; null description keeps it; track_ids replaces the set in order', async () => {
    const [a, b, c, d] = tracks;
    const id = await makeCollection(alice, [a!, b!], { name: 'Before', description: 'Keep me' });
    const [{ updated_at: before }] = (await t.server.rows<{ updated_at: string }>(sql`select updated_at::text from collections where id = ${id}`)) as [
      { updated_at: string },
    ];

    const renamed = await alice.agent.call('updateCollection', { path: { collection_id: id }, body: { name: '  After  ' } });
    expectStatus(renamed, 200);
    expect(renamed.body.collection).toMatchObject({ name: 'After', description: 'Keep me', track_ids: [a, b] });

    const nulled = await alice.agent.call('updateCollection', { path: { collection_id: id }, body: { description: null } });
    expectStatus(nulled, 200);
    expect(nulled.body.collection.description).toBe('Keep me');

    const empty = await alice.agent.call('updateCollection', { path: { collection_id: id }, body: {} });
    expectStatus(empty, 200);
    expect(empty.body.collection).toMatchObject({ name: 'After', description: 'Keep me', track_ids: [a, b] });

    const replaced = await alice.agent.call('updateCollection', {
      path: { collection_id: id },
      body: { description: 'New words', track_ids: [d!, c!, a!, d!] },
    });
    expectStatus(replaced, 200);
    expect(replaced.body.collection).toMatchObject({ name: 'After', description: 'New words', track_ids: [d, c, a], tracks_count: 3 });
    expect(await storedTracks(id)).toEqual([d, c, a]);
    const [{ updated_at: after }] = (await t.server.rows<{ updated_at: string }>(sql`select updated_at::text from collections where id = ${id}`)) as [
      { updated_at: string },
    ];
    expect(after > before).toBe(true);
  });

  it('refuses bad input with 422 and changes nothing', async () => {
    const [a, b] = tracks;
    const id = await makeCollection(alice, [a!, b!], { name: 'Stable', description: 'Same' });
    const [{ max }] = (await t.server.rows<{ max: number }>(sql`select max(id)::int as max from tracks`)) as [{ max: number }];
    const cases: { body: unknown; field: string }[] = [
      { body: { name: 'n'.repeat(256) }, field: 'name' },
      { body: { name: '  ' }, field: 'name' },
      { body: { description: 'd'.repeat(1001) }, field: 'description' },
      { body: { track_ids: Array.from({ length: 501 }, () => a) }, field: 'track_ids' },
      { body: { track_ids: [] }, field: 'track_ids' },
      { body: { name: 'Changed', track_ids: [b, max + 1] }, field: 'track_ids.1' },
      { body: { owner: 1 }, field: 'owner' },
    ];
    for (const { body, field } of cases) {
      const reply = await alice.agent.callUnchecked('updateCollection', { path: { collection_id: id }, body });
      expectStatus(reply, 422);
      expect(Object.keys(reply.body.errors ?? {}), JSON.stringify(body)).toContain(field);
    }
    const [row] = await t.server.rows<{ name: string; description: string }>(sql`select name, description from collections where id = ${id}`);
    expect(row).toEqual({ name: 'Stable', description: 'Same' });
    expect(await storedTracks(id)).toEqual([a, b]);
  });

  it("nobody changes someone else's collection: 404 when private, 403 when featured", async () => {
    const privateId = await makeCollection(bob, [tracks[0]!], { name: 'Bob private' });
    const featuredId = await makeCollection(bob, [tracks[0]!], { name: 'Bob featured' });
    await feature(featuredId);
    const hidden = await alice.agent.call('updateCollection', { path: { collection_id: privateId }, body: { name: 'Mine now', track_ids: [tracks[1]!] } });
    expectStatus(hidden, 404);
    const refused = await alice.agent.call('updateCollection', { path: { collection_id: featuredId }, body: { name: 'Mine now', track_ids: [tracks[1]!] } });
    expectStatus(refused, 403);
    expect(refused.body).toEqual({ message: 'Only the owner of this collection can do this.' });
    const rows = await t.server.rows<{ name: string }>(sql`select name from collections where id in (${privateId}, ${featuredId}) order by id`);
    expect(rows.map((r) => r.name)).toEqual(['Bob private', 'Bob featured']);
    expect(await storedTracks(featuredId)).toEqual([tracks[0]]);
    const [{ max }] = (await t.server.rows<{ max: number }>(sql`select max(id)::int as max from collections`)) as [{ max: number }];
    expectStatus(await alice.agent.call('updateCollection', { path: { collection_id: max + 1 }, body: { name: 'Ghost' } }), 404);
    expectStatus(await t.as.anonymous.call('updateCollection', { path: { collection_id: featuredId }, body: { name: 'Anon' } }), 401);
  });
});

describe('DELETE /api/v1/collections/{collection_id}', () => {
  it('deletes the own collection (the tracks stay), then answers 404', async () => {
    const id = await makeCollection(alice, [tracks[0]!, tracks[1]!]);
    const reply = await alice.agent.call('deleteCollection', { path: { collection_id: id } });
    expectStatus(reply, 200);
    expect(reply.body).toEqual({ status: 'success' });
    expect(await t.server.rows(sql`select id from collections where id = ${id}`)).toEqual([]);
    expect(await storedTracks(id)).toEqual([]);
    expect(await t.server.rows(sql`select id from tracks where id = ${tracks[0]!}`)).toHaveLength(1);
    expectStatus(await alice.agent.call('deleteCollection', { path: { collection_id: id } }), 404);
  });

  it("nobody deletes someone else's collection: 404 when private, 403 when featured", async () => {
    const privateId = await makeCollection(bob, [tracks[0]!]);
    const featuredId = await makeCollection(bob, [tracks[0]!]);
    await feature(featuredId);
    expectStatus(await alice.agent.call('deleteCollection', { path: { collection_id: privateId } }), 404);
    expectStatus(await alice.agent.call('deleteCollection', { path: { collection_id: featuredId } }), 403);
    expectStatus(await t.as.anonymous.call('deleteCollection', { path: { collection_id: featuredId } }), 401);
    expectStatus(await alice.agent.callUnchecked('deleteCollection', { path: { collection_id: 0 } }), 422);
    const rows = await t.server.rows(sql`select id from collections where id in (${privateId}, ${featuredId})`);
    expect(rows).toHaveLength(2);
  });
});

describe('POST /api/v1/collections/{collection_id}/play', () => {
  it('counts a play and returns the rich tracks in collection order', async () => {
    const [a, b, c] = tracks;
    const id = await makeCollection(alice, [c!, a!, b!]);
    const reply = await alice.agent.call('playCollection', { path: { collection_id: id } });
    expectStatus(reply, 200);
    expect(reply.body.collection).toMatchObject({ id, plays: 1, track_ids: [c, a, b] });
    expect(reply.body.tracks.map((track) => track.id)).toEqual([c, a, b]);
    expect(reply.body.tracks[0]).toHaveProperty('is_liked');
  });

  it('counts every one of many concurrent plays exactly once', async () => {
    const id = await makeCollection(bob, [tracks[0]!]);
    await feature(id);
    const plays = 25;
    const replies = await Promise.all(
      Array.from({ length: plays }, (_, i) => (i % 2 === 0 ? alice : bob).agent.call('playCollection', { path: { collection_id: id } })),
    );
    for (const reply of replies) expectStatus(reply, 200);
    const counts = replies.map((r) => (r.status === 200 ? r.body.collection.plays : 0)).sort((x, y) => x - y);
    expect(counts).toEqual(Array.from({ length: plays }, (_, i) => i + 1));
    const [row] = await t.server.rows<{ plays: number }>(sql`select plays from collections where id = ${id}`);
    expect(row!.plays).toBe(plays);
  });

  it("does not play (or count) someone else's private collection", async () => {
    const id = await makeCollection(bob, [tracks[0]!]);
    expectStatus(await alice.agent.call('playCollection', { path: { collection_id: id } }), 404);
    expectStatus(await t.as.anonymous.call('playCollection', { path: { collection_id: id } }), 401);
    expectStatus(await alice.agent.callUnchecked('playCollection', { path: { collection_id: 'x' } }), 422);
    const [row] = await t.server.rows<{ plays: number }>(sql`select plays from collections where id = ${id}`);
    expect(row!.plays).toBe(0);
  });
});

describe('GET /api/v1/collections/recommendations', () => {
  it("ranks other users' featured collections by the caller's likes, plays and own collections", async () => {
    const [owner1, owner2, viewer] = await Promise.all([newUser(), newUser(), newUser()]);
    const [genreA, genreB, artist] = await Promise.all([newGenre(), newGenre(), newArtist()]);
    const inA = await newTracks(3, { genreId: genreA });
    const inB = await newTracks(2, { genreId: genreB });
    const byArtist = await newTracks(2, { artistId: artist });

    const collectionA = await makeCollection(owner1, [inA[1]!, inA[2]!]);
    const collectionB = await makeCollection(owner2, [inB[1]!]);
    const collectionArtist = await makeCollection(owner2, [byArtist[1]!]);
    const privateA = await makeCollection(owner2, [inA[1]!]);
    for (const id of [collectionA, collectionB, collectionArtist]) await feature(id, true, 0);

    // No likes, plays or collections yet: every featured collection of other users.
    const cold = await allPages(viewer, 'listRecommendedCollections');
    expect(cold).toEqual(expect.arrayContaining([collectionA, collectionB, collectionArtist]));
    expect(cold).not.toContain(privateA);

    // A like in genre A: only collections sharing that taste, best first.
    await t.server.rows(sql`insert into track_likes (track_id, user_id) values (${inA[0]!}, ${viewer.id})`);
    expect(await allPages(viewer, 'listRecommendedCollections')).toEqual([collectionA]);

    // A play in genre B adds collection B, after A (two matching tracks against one).
    await t.server.rows(sql`insert into plays (track_id, user_id, play_token) values (${inB[0]!}, ${viewer.id}, ${randomUUID()})`);
    expect(await allPages(viewer, 'listRecommendedCollections')).toEqual([collectionA, collectionB]);

    // The viewer's own collection of a track by the artist adds the artist's collection; the
    // viewer's own collections are never recommended, even featured.
    const own = await makeCollection(viewer, [byArtist[0]!]);
    await feature(own);
    // The artist's collection and B score one each: the newer first.
    expect(await allPages(viewer, 'listRecommendedCollections')).toEqual([collectionA, collectionArtist, collectionB]);

    // Unfeaturing takes a collection out.
    await feature(collectionA, false);
    expect(await allPages(viewer, 'listRecommendedCollections')).not.toContain(collectionA);
  });
});
