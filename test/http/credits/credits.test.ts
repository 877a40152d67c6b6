import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../../generated/api.js';
import { useTestServer } from '../../support/fixture.js';
import { asSchema } from '../../support/schemas.js';
import { expectStatus } from '../../support/http.js';

const t = useTestServer({ signIn: ['listener', 'producer', 'developer'] });
let producerArtistId: number;
/** A seeded artist nobody signs in as, with credits of its own. */
let otherArtistId: number;
let otherCreditId: number;

const PUBLIC_KEYS = ['album_name', 'id', 'image', 'model_type', 'release_artists', 'release_date', 'role', 'title'];
const RICH_KEYS = [
  'album_id',
  'album_name',
  'artist_id',
  'created_at',
  'id',
  'image',
  'model_type',
  'position',
  'release_artists',
  'release_date',
  'role',
  'spotify_album_id',
  'spotify_track_id',
  'spotify_url',
  'title',
  'track_id',
  'updated_at',
];
const SPEC_ROLES = (
  JSON.parse(readFileSync(new URL('../../../generated/openapi.json', import.meta.url), 'utf8')) as {
    components: { schemas: { CreditRole: { enum: string[] } } };
  }
).components.schemas.CreditRole.enum;

const spotifyCredit = (n: number): components['schemas']['CreateArtistCreditRequest'] => ({
  title: `Placement ${n}`,
  role: 'Producer',
  release_artists: ['Rae Castillo'],
  album_name: 'Blue Hour',
  release_date: '2026-03-13',
  image: 'https://i.scdn.co/image/ab67616d0000b2734f1c2e3d5a6b7c8d9e0f1a2b',
  spotify_track_id: `${String(n).padStart(4, '0')}Ppam7vgaVa1iaRUc9L`,
  spotify_album_id: '4aawyAB9vmqN3uQ7FjRGTy',
  spotify_url: 'https://open.spotify.com/track/3n3Ppam7vgaVa1iaRUc9Lp',
});

beforeAll(async () => {
  producerArtistId = await t.server.artistIdOf('producer@beatpass.test');
  const [other] = await t.server.rows<{ artist_id: number; id: number }>(sql`select c.artist_id, c.id from artist_credits c
    join artists a on a.id = c.artist_id where a.user_id is null order by c.id limit 1`);
  otherArtistId = other!.artist_id;
  otherCreditId = other!.id;
});

async function creditsOf(artistId: number) {
  return t.server.rows<{ id: number; title: string; role: string; position: number; updated_at: string; album_name: string | null }>(
    sql`select id, title, role, position, updated_at, album_name from artist_credits where artist_id = ${artistId} order by position, id`,
  );
}

/** An artist profile for the developer (who has none in the seed), with `count` credits made in SQL. */
async function developerArtist(count: number): Promise<number> {
  const [artist] = await t.server.rows<{ id: number }>(sql`insert into artists (name, user_id)
    select 'Dev Credits', id from users where email = 'developer@beatpass.test'
    on conflict do nothing returning id`);
  const id =
    artist?.id ??
    (
      await t.server.rows<{ id: number }>(sql`select a.id from artists a join users u on u.id = a.user_id
    where u.email = 'developer@beatpass.test'`)
    )[0]!.id;
  await t.server.rows(sql`delete from artist_credits where artist_id = ${id}`);
  if (count > 0) {
    await t.server.rows(sql`insert into artist_credits (artist_id, title, role, position)
      select ${id}, 'Filler ' || n, 'Producer', n - 1 from generate_series(1, ${count}) as n`);
  }
  return id;
}

describe('GET /api/v1/credits/roles', () => {
  it('lists every role of the spec, in order, with a description, to anyone', async () => {
    const reply = await t.as.anonymous.call('listCreditRoles');
    expectStatus(reply, 200);
    expect(reply.body.roles.map((r) => r.name)).toEqual(SPEC_ROLES);
    expect(SPEC_ROLES).toEqual(expect.arrayContaining(['Producer', 'Engineer', 'Songwriter']));
    for (const role of reply.body.roles) expect(role.description).toMatch(/\.$/);
  });

  it('refuses an invalid token (401) and an unknown parameter (422)', async () => {
    const bad = await t.as.anonymous.call('listCreditRoles', { headers: { authorization: 'Bearer nope' } });
    expect(bad.status).toBe(401);
    const unknown = await t.as.anonymous.callUnchecked('listCreditRoles', { query: { sort: 'name' } });
    expectStatus(unknown, 422);
    expect(unknown.body.errors).toEqual({ sort: ['The sort parameter is not allowed.'] });
  });
});

describe('GET /api/v1/artists/{artist_id}/credits', () => {
  it("seeds the demo producer's portfolio (Spotify and BeatPass credits) and several other artists'", async () => {
    const reply = await t.as.producer.call('listArtistCredits', { path: { artist_id: producerArtistId } });
    expectStatus(reply, 200);
    expect(reply.body.credits.length).toBeGreaterThanOrEqual(5);
    for (const credit of reply.body.credits) expect(Object.keys(credit).sort()).toEqual(RICH_KEYS);
    const credits = reply.body.credits.map((credit) => asSchema('ArtistCredit', credit));
    expect(credits.map((c) => c.position)).toEqual([...credits.keys()]);
    expect(credits.some((c) => c.spotify_track_id !== null)).toBe(true);
    const own = credits.find((c) => c.track_id !== null);
    const [track] = await t.server.rows<{ name: string }>(sql`select t.name from tracks t join track_artists ta on ta.track_id = t.id
      where t.id = ${own!.track_id} and ta.artist_id = ${producerArtistId}`);
    expect(own).toMatchObject({ title: track!.name, role: 'Producer', release_artists: ['Demo Producer'] });
    const [spread] = await t.server.rows<{ artists: number }>(sql`select count(distinct artist_id)::int as artists from artist_credits`);
    expect(spread!.artists).toBeGreaterThanOrEqual(5);
  });

  it('gives anonymous callers minimal credits in the same order', async () => {
    const rich = await t.as.listener.call('listArtistCredits', { path: { artist_id: producerArtistId } });
    expectStatus(rich, 200);
    const reply = await t.as.anonymous.call('listArtistCredits', { path: { artist_id: producerArtistId } });
    expectStatus(reply, 200);
    for (const credit of reply.body.credits) expect(Object.keys(credit).sort()).toEqual(PUBLIC_KEYS);
    expect(reply.body.credits.map((c) => c.id)).toEqual(rich.body.credits.map((c) => c.id));
  });

  it('answers an empty list for an artist without credits, 404 for an unknown artist, 422 for a bad ID, 401 for a bad token', async () => {
    const [empty] = await t.server.rows<{ id: number }>(sql`insert into artists (name) values ('No Credits Yet') returning id`);
    expect((await t.as.anonymous.call('listArtistCredits', { path: { artist_id: empty!.id } })).body).toEqual({ status: 'success', credits: [] });
    const missing = await t.as.anonymous.call('listArtistCredits', { path: { artist_id: 999999 } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Artist not found.' });
    expect((await t.as.anonymous.callUnchecked('listArtistCredits', { path: { artist_id: 'abc' } })).status).toBe(422);
    expect((await t.as.anonymous.call('listArtistCredits', { path: { artist_id: producerArtistId }, headers: { authorization: 'Bearer nope' } })).status).toBe(
      401,
    );
  });
});

describe('POST /api/v1/artists/{artist_id}/credits', () => {
  it('adds a Spotify credit at the end of the portfolio', async () => {
    const before = await creditsOf(producerArtistId);
    const reply = await t.as.producer.call('createArtistCredit', { path: { artist_id: producerArtistId }, body: spotifyCredit(1) });
    expectStatus(reply, 200);
    expect(reply.body.credit).toMatchObject({
      ...spotifyCredit(1),
      artist_id: producerArtistId,
      model_type: 'credit',
      track_id: null,
      album_id: null,
      position: before.at(-1)!.position + 1,
    });
    const after = await creditsOf(producerArtistId);
    expect(after.map((c) => c.id)).toEqual([...before.map((c) => c.id), reply.body.credit.id]);
  });

  it('adds a credit with only a title and a role, and one linked to a BeatPass track and album', async () => {
    const bare = await t.as.producer.call('createArtistCredit', {
      path: { artist_id: producerArtistId },
      body: { title: '  Untitled session (2019)  ', role: 'Songwriter' },
    });
    expectStatus(bare, 200);
    expect(bare.body.credit).toMatchObject({
      title: 'Untitled session (2019)',
      role: 'Songwriter',
      release_artists: [],
      album_name: null,
      release_date: null,
      spotify_url: null,
    });
    const [track] = await t.server.rows<{ id: number; album_id: number }>(sql`select id, album_id from tracks where album_id is not null order by id limit 1`);
    const linked = await t.as.producer.call('createArtistCredit', {
      path: { artist_id: producerArtistId },
      body: { title: 'Mixed for a friend', role: 'Mixing Engineer', track_id: track!.id, album_id: track!.album_id, release_date: '2025-06' },
    });
    expectStatus(linked, 200);
    expect(linked.body.credit).toMatchObject({ track_id: track!.id, album_id: track!.album_id, release_date: '2025-06' });
  });

  it('validates the body: role from the list, real dates, existing tracks and albums, one credit per track and role (422)', async () => {
    const before = await creditsOf(producerArtistId);
    const post = (body: unknown) => t.as.producer.callUnchecked('createArtistCredit', { path: { artist_id: producerArtistId }, body });

    const role = await post({ title: 'X', role: 'DJ' });
    expectStatus(role, 422);
    expect(role.body.errors).toEqual({ role: ['The selected role is invalid.'] });
    const shapes = await post({ title: '   ', role: 'Producer', spotify_track_id: 'short', spotify_url: 'https://example.com/x', image: 'ftp://x' });
    expectStatus(shapes, 422);
    expect(Object.keys(shapes.body.errors).sort()).toEqual(['image', 'spotify_track_id', 'spotify_url', 'title']);
    const missing = await post({});
    expectStatus(missing, 422);
    expect(Object.keys(missing.body.errors).sort()).toEqual(['role', 'title']);

    const references = await post({ title: 'X', role: 'Producer', release_date: '2026-02-30', track_id: 99999999, album_id: 99999999 });
    expectStatus(references, 422);
    expect(references.body.errors).toEqual({
      release_date: ['The release date field must be a real date.'],
      track_id: ['The selected track id is invalid.'],
      album_id: ['The selected album id is invalid.'],
    });

    const taken = await post(spotifyCredit(1));
    expect(taken.status).toBe(422);
    expect(taken.body).toEqual({
      message: 'The artist already has a Producer credit for this Spotify track.',
      errors: { spotify_track_id: ['The artist already has a Producer credit for this Spotify track.'] },
    });
    expect(await creditsOf(producerArtistId)).toEqual(before);

    const otherRole = await post({ ...spotifyCredit(1), role: 'Mixing Engineer' });
    expect(otherRole.status).toBe(200);
  });

  it("refuses another user's write with 403 and changes nothing; 404, 401, 419, 400, 415 and 413 as documented", async () => {
    const before = await creditsOf(producerArtistId);
    const path = { artist_id: producerArtistId };
    const url = `/api/v1/artists/${producerArtistId}/credits`;
    for (const stranger of [t.as.listener, t.as.developer]) {
      const reply = await stranger.call('createArtistCredit', { path, body: spotifyCredit(2) });
      expect(reply.status).toBe(403);
      expect(reply.body).toEqual({ message: "Only the artist's manager may change its credits." });
    }
    expect((await t.as.producer.call('createArtistCredit', { path: { artist_id: 999999 }, body: spotifyCredit(2) })).status).toBe(404);
    expect((await t.as.anonymous.call('createArtistCredit', { path, body: spotifyCredit(2) })).status).toBe(401);
    expect((await t.as.producer.call('createArtistCredit', { path, body: spotifyCredit(2), xsrf: false })).status).toBe(419);
    expect((await t.as.producer.request('POST', url, { body: '{"title":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await t.as.producer.request('POST', url, { body: 'title=x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await t.as.producer.call('createArtistCredit', { path, body: { ...spotifyCredit(2), album_name: 'x'.repeat(1_100_000) } })).status).toBe(413);
    expect(await creditsOf(producerArtistId)).toEqual(before);
  });

  it('stops at 200 credits with 429 credit_limit_reached, also under concurrent adds', async () => {
    const artistId = await developerArtist(198);
    const replies = await Promise.all(
      [3, 4, 5, 6].map((n) => t.as.developer.call('createArtistCredit', { path: { artist_id: artistId }, body: spotifyCredit(n) })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 429, 429]);
    const refused = replies.find((r) => r.status === 429)!;
    expect(refused.body).toEqual({ message: 'Credit limit reached. An artist can have at most 200 credits.', error_code: 'credit_limit_reached' });
    const held = await creditsOf(artistId);
    expect(held).toHaveLength(200);
    expect(held.map((c) => c.position)).toEqual([...Array(200).keys()]);
  });
});

describe('POST /api/v1/artists/{artist_id}/credits/album', () => {
  const album = {
    role: 'Producer',
    album_name: 'Static Season',
    release_artists: ['Rae Castillo'],
    release_date: '2025-11-07',
    image: 'https://i.scdn.co/image/ab67616d0000b273a1b2c3d4e5f60718293a4b5c',
    spotify_album_id: '1DFixLWuPkv3KT3TnV35m3',
    spotify_url: 'https://open.spotify.com/album/1DFixLWuPkv3KT3TnV35m3',
    tracks: [
      { title: 'Rooftop Static', spotify_track_id: '6rqhFgbbKwnb9MLmUQDhGA', spotify_url: 'https://open.spotify.com/track/6rqhFgbbKwnb9MLmUQDhGA' },
      { title: 'Sundown Call', release_artists: ['Rae Castillo', 'Lumi Waves'], spotify_track_id: '0VjIjW4GlUZAMYd2vXMi3A' },
    ],
  } satisfies components['schemas']['CreateArtistAlbumCreditsRequest'];

  it('adds one credit per track, in album order, with the album fields and per-track overrides', async () => {
    const before = await creditsOf(producerArtistId);
    const reply = await t.as.producer.call('createArtistAlbumCredits', { path: { artist_id: producerArtistId }, body: album });
    expectStatus(reply, 200);
    const [first, second] = reply.body.credits;
    const shared = { role: 'Producer', album_name: 'Static Season', release_date: '2025-11-07', image: album.image, spotify_album_id: album.spotify_album_id };
    expect(first).toMatchObject({ ...shared, title: 'Rooftop Static', release_artists: ['Rae Castillo'], spotify_url: album.tracks[0]!.spotify_url });
    expect(second).toMatchObject({ ...shared, title: 'Sundown Call', release_artists: ['Rae Castillo', 'Lumi Waves'], spotify_url: album.spotify_url });
    expect(second!.position).toBe(first!.position + 1);
    expect((await creditsOf(producerArtistId)).length).toBe(before.length + 2);
  });

  it('adds nothing when one track is taken, listed twice or unknown (422 naming the item)', async () => {
    const before = await creditsOf(producerArtistId);
    const post = (body: unknown) => t.as.producer.callUnchecked('createArtistAlbumCredits', { path: { artist_id: producerArtistId }, body });
    const fresh = { title: 'New One', spotify_track_id: 'NEWa1iaRUc9LpPpam7vgaV' };

    const taken = await post({ ...album, tracks: [fresh, album.tracks[1]] });
    expectStatus(taken, 422);
    expect(taken.body.errors).toEqual({ 'tracks.1.spotify_track_id': ['The artist already has a Producer credit for this Spotify track.'] });
    const twice = await post({ ...album, tracks: [fresh, fresh] });
    expectStatus(twice, 422);
    expect(twice.body.errors).toEqual({ 'tracks.1.spotify_track_id': ['The tracks.1.spotify_track_id field has a duplicate value.'] });
    const unknown = await post({ ...album, album_id: 99999999, tracks: [{ title: 'Gone', track_id: 99999999 }] });
    expectStatus(unknown, 422);
    expect(unknown.body.errors).toEqual({
      album_id: ['The selected album id is invalid.'],
      'tracks.0.track_id': ['The selected tracks.0.track_id is invalid.'],
    });
    const empty = await post({ ...album, tracks: [] });
    expect(empty.status).toBe(422);
    expect(await creditsOf(producerArtistId)).toEqual(before);
  });

  it("refuses another user's write with 403 and changes nothing; 404, 401, 419, 400, 415, 413 and 429", async () => {
    const before = await creditsOf(producerArtistId);
    const path = { artist_id: producerArtistId };
    const url = `/api/v1/artists/${producerArtistId}/credits/album`;
    const body = { ...album, tracks: [{ title: 'Stranger', spotify_track_id: 'STRa1iaRUc9LpPpam7vgaV' }] };
    expect((await t.as.listener.call('createArtistAlbumCredits', { path, body })).status).toBe(403);
    expect((await t.as.producer.call('createArtistAlbumCredits', { path: { artist_id: 999999 }, body })).status).toBe(404);
    expect((await t.as.anonymous.call('createArtistAlbumCredits', { path, body })).status).toBe(401);
    expect((await t.as.producer.call('createArtistAlbumCredits', { path, body, xsrf: false })).status).toBe(419);
    expect((await t.as.producer.request('POST', url, { body: '[', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await t.as.producer.request('POST', url, { body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await t.as.producer.call('createArtistAlbumCredits', { path, body: { ...body, album_name: 'x'.repeat(1_100_000) } })).status).toBe(413);
    expect(await creditsOf(producerArtistId)).toEqual(before);

    const artistId = await developerArtist(199);
    const full = await t.as.developer.call('createArtistAlbumCredits', { path: { artist_id: artistId }, body: album });
    expectStatus(full, 429);
    const errorCode = 'error_code' in full.body ? full.body.error_code : undefined;
    expect(errorCode).toBe('credit_limit_reached');
    expect(await creditsOf(artistId)).toHaveLength(199);
  });
});

describe('PUT /api/v1/artists/{artist_id}/credits/{credit_id}', () => {
  it('changes the given fields, clears nulls and keeps the rest', async () => {
    const [credit] = await creditsOf(producerArtistId);
    const reply = await t.as.producer.call('updateArtistCredit', {
      path: { artist_id: producerArtistId, credit_id: credit!.id },
      body: { role: 'Co-Producer', album_name: null, release_artists: ['Someone New'] },
    });
    expectStatus(reply, 200);
    expect(reply.body.credit).toMatchObject({ id: credit!.id, title: credit!.title, role: 'Co-Producer', album_name: null, release_artists: ['Someone New'] });
    expect(Date.parse(reply.body.credit.updated_at)).toBeGreaterThan(Date.parse(credit!.updated_at));
    expect(reply.body.credit.position).toBe(credit!.position);
  });

  it('validates like an add (422), including a clash with another credit of the artist', async () => {
    const credits = await t.as.producer.call('listArtistCredits', { path: { artist_id: producerArtistId } });
    expectStatus(credits, 200);
    const withSpotify = credits.body.credits.map((credit) => asSchema('ArtistCredit', credit)).filter((c) => c.spotify_track_id !== null);
    const [a, b] = withSpotify;
    const put = (id: number, body: unknown) =>
      t.as.producer.callUnchecked('updateArtistCredit', { path: { artist_id: producerArtistId, credit_id: id }, body });
    const clash = await put(b!.id, { spotify_track_id: a!.spotify_track_id, role: a!.role });
    expectStatus(clash, 422);
    expect(clash.body.errors).toEqual({ spotify_track_id: [`The artist already has a ${a!.role} credit for this Spotify track.`] });
    const date = await put(b!.id, { release_date: '2025-02-29' });
    expectStatus(date, 422);
    expect(date.body.errors).toEqual({ release_date: ['The release date field must be a real date.'] });
    expect((await put(b!.id, {})).status).toBe(422);
    expect((await put(b!.id, { title: null })).status).toBe(422);
    expect((await put(b!.id, { role: 'Rapper' })).status).toBe(422);
    const unchanged = await t.as.producer.call('listArtistCredits', { path: { artist_id: producerArtistId } });
    expectStatus(unchanged, 200);
    expect(unchanged.body.credits.find((c) => c.id === b!.id)).toEqual(b);
  });

  it("answers 403 to another user and 404 for another artist's credit, changing nothing; 404, 401, 419, 400, 415, 413", async () => {
    const [credit] = await creditsOf(producerArtistId);
    const path = { artist_id: producerArtistId, credit_id: credit!.id };
    const url = `/api/v1/artists/${producerArtistId}/credits/${credit!.id}`;
    const body = { title: 'Hijacked' };
    expect((await t.as.listener.call('updateArtistCredit', { path, body })).status).toBe(403);
    const foreign = await t.as.producer.call('updateArtistCredit', { path: { artist_id: producerArtistId, credit_id: otherCreditId }, body });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ message: 'Credit not found.' });
    expect((await t.as.producer.call('updateArtistCredit', { path: { artist_id: otherArtistId, credit_id: otherCreditId }, body })).status).toBe(403);
    expect((await t.as.producer.call('updateArtistCredit', { path: { artist_id: 999999, credit_id: credit!.id }, body })).body).toEqual({
      message: 'Artist not found.',
    });
    expect((await t.as.producer.call('updateArtistCredit', { path: { artist_id: producerArtistId, credit_id: 99999999 }, body })).status).toBe(404);
    expect((await t.as.anonymous.call('updateArtistCredit', { path, body })).status).toBe(401);
    expect((await t.as.producer.call('updateArtistCredit', { path, body, xsrf: false })).status).toBe(419);
    expect((await t.as.producer.request('PUT', url, { body: '{', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await t.as.producer.request('PUT', url, { body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await t.as.producer.call('updateArtistCredit', { path, body: { title: 'x'.repeat(1_100_000) } })).status).toBe(413);
    expect((await creditsOf(producerArtistId))[0]).toEqual(credit);
    const [other] = await t.server.rows<{ title: string }>(sql`select title from artist_credits where id = ${otherCreditId}`);
    expect(other!.title).not.toBe('Hijacked');
  });
});

describe('POST /api/v1/artists/{artist_id}/credits/reorder', () => {
  it('applies a new order of every credit at once', async () => {
    const before = await creditsOf(producerArtistId);
    const ids = before.map((c) => c.id).reverse();
    const reply = await t.as.producer.call('reorderArtistCredits', { path: { artist_id: producerArtistId }, body: { ids } });
    expectStatus(reply, 200);
    expect(reply.body.credits.map((c) => c.id)).toEqual(ids);
    expect(reply.body.credits.map((c) => c.position)).toEqual([...ids.keys()]);
    const listed = await t.as.anonymous.call('listArtistCredits', { path: { artist_id: producerArtistId } });
    expectStatus(listed, 200);
    expect(listed.body.credits.map((c) => c.id)).toEqual(ids);
  });

  it('refuses a list that is not every credit exactly once (422) and changes nothing', async () => {
    const before = await creditsOf(producerArtistId);
    const ids = before.map((c) => c.id);
    const post = (list: number[]) => t.as.producer.call('reorderArtistCredits', { path: { artist_id: producerArtistId }, body: { ids: list } });
    for (const list of [ids.slice(1), [...ids, otherCreditId], [ids[0]!, ...ids.slice(0, -1)], [...ids.slice(1), 99999999]]) {
      const reply = await post(list);
      expectStatus(reply, 422);
      expect(reply.body.errors).toEqual({ ids: ['The ids field must list every credit of the artist exactly once.'] });
    }
    expect((await post([])).status).toBe(422);
    expect(await creditsOf(producerArtistId)).toEqual(before);
  });

  it("refuses another user's reorder with 403 and changes nothing; 404, 401, 419, 400, 415, 413", async () => {
    const before = await creditsOf(producerArtistId);
    const path = { artist_id: producerArtistId };
    const url = `/api/v1/artists/${producerArtistId}/credits/reorder`;
    const body = { ids: before.map((c) => c.id).reverse() };
    expect((await t.as.listener.call('reorderArtistCredits', { path, body })).status).toBe(403);
    expect((await t.as.developer.call('reorderArtistCredits', { path, body })).status).toBe(403);
    expect((await t.as.producer.call('reorderArtistCredits', { path: { artist_id: 999999 }, body })).status).toBe(404);
    expect((await t.as.anonymous.call('reorderArtistCredits', { path, body })).status).toBe(401);
    expect((await t.as.producer.call('reorderArtistCredits', { path, body, xsrf: false })).status).toBe(419);
    expect((await t.as.producer.request('POST', url, { body: '{', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await t.as.producer.request('POST', url, { body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await t.as.producer.callUnchecked('reorderArtistCredits', { path, body: { ids: [1], pad: 'x'.repeat(1_100_000) } })).status).toBe(413);
    expect(await creditsOf(producerArtistId)).toEqual(before);
  });
});

describe('DELETE /api/v1/artists/{artist_id}/credits/{credit_id}', () => {
  it("answers 403 to another user and 404 for another artist's credit, deleting nothing; 401, 419, 422", async () => {
    const before = await creditsOf(producerArtistId);
    const path = { artist_id: producerArtistId, credit_id: before[0]!.id };
    expect((await t.as.listener.call('deleteArtistCredit', { path })).status).toBe(403);
    const foreign = await t.as.producer.call('deleteArtistCredit', { path: { artist_id: producerArtistId, credit_id: otherCreditId } });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ message: 'Credit not found.' });
    expect((await t.as.producer.call('deleteArtistCredit', { path: { artist_id: otherArtistId, credit_id: otherCreditId } })).status).toBe(403);
    expect((await t.as.producer.call('deleteArtistCredit', { path: { artist_id: 999999, credit_id: before[0]!.id } })).status).toBe(404);
    expect((await t.as.anonymous.call('deleteArtistCredit', { path })).status).toBe(401);
    expect((await t.as.producer.call('deleteArtistCredit', { path, xsrf: false })).status).toBe(419);
    expect((await t.as.producer.callUnchecked('deleteArtistCredit', { path: { artist_id: producerArtistId, credit_id: 'abc' } })).status).toBe(422);
    expect(await creditsOf(producerArtistId)).toEqual(before);
    expect(await t.server.rows(sql`select id from artist_credits where id = ${otherCreditId}`)).toHaveLength(1);
  });

  it('removes the credit; the others keep their order; a second delete is a 404', async () => {
    const before = await creditsOf(producerArtistId);
    const path = { artist_id: producerArtistId, credit_id: before[1]!.id };
    const reply = await t.as.producer.call('deleteArtistCredit', { path });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'success' });
    expect((await creditsOf(producerArtistId)).map((c) => c.id)).toEqual(before.filter((_, i) => i !== 1).map((c) => c.id));
    expect((await t.as.producer.call('deleteArtistCredit', { path })).status).toBe(404);
  });
});
