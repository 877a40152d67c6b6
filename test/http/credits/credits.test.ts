import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../support/http.js';
import { startTestServer, type TestServer } from '../../support/server.js';

let server: TestServer;
let anonymous: Agent;
let listener: Agent;
let producer: Agent;
let developer: Agent;
let producerArtistId: number;
/** A seeded artist nobody signs in as, with credits of its own. */
let otherArtistId: number;
let otherCreditId: number;

const PUBLIC_KEYS = ['album_name', 'id', 'image', 'model_type', 'release_artists', 'release_date', 'role', 'title'];
const RICH_KEYS = [
  'album_id', 'album_name', 'artist_id', 'created_at', 'id', 'image', 'model_type', 'position', 'release_artists', 'release_date', 'role',
  'spotify_album_id', 'spotify_track_id', 'spotify_url', 'title', 'track_id', 'updated_at',
];
const SPEC_ROLES = (JSON.parse(readFileSync(new URL('../../../generated/openapi.json', import.meta.url), 'utf8')) as {
  components: { schemas: { CreditRole: { enum: string[] } } };
}).components.schemas.CreditRole.enum;

const spotifyCredit = (n: number) => ({
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
  server = await startTestServer();
  anonymous = new Agent(server.baseUrl);
  listener = await server.signIn('listener@beatpass.test');
  producer = await server.signIn('producer@beatpass.test');
  developer = await server.signIn('developer@beatpass.test');
  producerArtistId = await server.artistIdOf('producer@beatpass.test');
  const [other] = await server.rows<{ artist_id: number; id: number }>(sql`select c.artist_id, c.id from artist_credits c
    join artists a on a.id = c.artist_id where a.user_id is null order by c.id limit 1`);
  otherArtistId = other!.artist_id;
  otherCreditId = other!.id;
});
afterAll(async () => { await server.close(); });

async function creditsOf(artistId: number) {
  return server.rows<{ id: number; title: string; role: string; position: number; updated_at: string; album_name: string | null }>(
    sql`select id, title, role, position, updated_at, album_name from artist_credits where artist_id = ${artistId} order by position, id`);
}

/** An artist profile for the developer (who has none in the seed), with `count` credits made in SQL. */
async function developerArtist(count: number): Promise<number> {
  const [artist] = await server.rows<{ id: number }>(sql`insert into artists (name, user_id)
    select 'Dev Credits', id from users where email = 'developer@beatpass.test'
    on conflict do nothing returning id`);
  const id = artist?.id ?? (await server.rows<{ id: number }>(sql`select a.id from artists a join users u on u.id = a.user_id
    where u.email = 'developer@beatpass.test'`))[0]!.id;
  await server.rows(sql`delete from artist_credits where artist_id = ${id}`);
  if (count > 0) {
    await server.rows(sql`insert into artist_credits (artist_id, title, role, position)
      select ${id}, 'Filler ' || n, 'Producer', n - 1 from generate_series(1, ${count}) as n`);
  }
  return id;
}

describe('GET /api/v1/credits/roles', () => {
  it('lists every role of the spec, in order, with a description, to anyone', async () => {
    const reply = await anonymous.request('GET', '/api/v1/credits/roles');
    expect(reply.status).toBe(200);
    expect(reply.body.roles.map((r: { name: string }) => r.name)).toEqual(SPEC_ROLES);
    expect(SPEC_ROLES).toEqual(expect.arrayContaining(['Producer', 'Engineer', 'Songwriter']));
    for (const role of reply.body.roles) expect(role.description).toMatch(/\.$/);
  });

  it('refuses an invalid token (401) and an unknown parameter (422)', async () => {
    const bad = await anonymous.request('GET', '/api/v1/credits/roles', { headers: { authorization: 'Bearer nope' } });
    expect(bad.status).toBe(401);
    const unknown = await anonymous.request('GET', '/api/v1/credits/roles?sort=name');
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual({ sort: ['The sort parameter is not allowed.'] });
  });
});

describe('GET /api/v1/artists/{artist_id}/credits', () => {
  it("seeds the demo producer's portfolio (Spotify and BeatPass credits) and several other artists'", async () => {
    const reply = await producer.request('GET', `/api/v1/artists/${producerArtistId}/credits`);
    expect(reply.status).toBe(200);
    const credits = reply.body.credits;
    expect(credits.length).toBeGreaterThanOrEqual(5);
    for (const credit of credits) expect(Object.keys(credit).sort()).toEqual(RICH_KEYS);
    expect(credits.map((c: { position: number }) => c.position)).toEqual([...credits.keys()]);
    expect(credits.some((c: { spotify_track_id: string | null }) => c.spotify_track_id !== null)).toBe(true);
    const own = credits.find((c: { track_id: number | null }) => c.track_id !== null);
    const [track] = await server.rows<{ name: string }>(sql`select t.name from tracks t join track_artists ta on ta.track_id = t.id
      where t.id = ${own.track_id} and ta.artist_id = ${producerArtistId}`);
    expect(own).toMatchObject({ title: track!.name, role: 'Producer', release_artists: ['Demo Producer'] });
    const [spread] = await server.rows<{ artists: number }>(sql`select count(distinct artist_id)::int as artists from artist_credits`);
    expect(spread!.artists).toBeGreaterThanOrEqual(5);
  });

  it('gives anonymous callers minimal credits in the same order', async () => {
    const rich = await listener.request('GET', `/api/v1/artists/${producerArtistId}/credits`);
    const reply = await anonymous.request('GET', `/api/v1/artists/${producerArtistId}/credits`);
    expect(reply.status).toBe(200);
    for (const credit of reply.body.credits) expect(Object.keys(credit).sort()).toEqual(PUBLIC_KEYS);
    expect(reply.body.credits.map((c: { id: number }) => c.id)).toEqual(rich.body.credits.map((c: { id: number }) => c.id));
  });

  it('answers an empty list for an artist without credits, 404 for an unknown artist, 422 for a bad ID, 401 for a bad token', async () => {
    const [empty] = await server.rows<{ id: number }>(sql`insert into artists (name) values ('No Credits Yet') returning id`);
    expect((await anonymous.request('GET', `/api/v1/artists/${empty!.id}/credits`)).body).toEqual({ status: 'success', credits: [] });
    const missing = await anonymous.request('GET', '/api/v1/artists/999999/credits');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Artist not found.' });
    expect((await anonymous.request('GET', '/api/v1/artists/abc/credits')).status).toBe(422);
    expect((await anonymous.request('GET', `/api/v1/artists/${producerArtistId}/credits`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });
});

describe('POST /api/v1/artists/{artist_id}/credits', () => {
  it('adds a Spotify credit at the end of the portfolio', async () => {
    const before = await creditsOf(producerArtistId);
    const reply = await producer.request('POST', `/api/v1/artists/${producerArtistId}/credits`, { json: spotifyCredit(1), xsrf: true });
    expect(reply.status).toBe(200);
    expect(reply.body.credit).toMatchObject({
      ...spotifyCredit(1), artist_id: producerArtistId, model_type: 'credit', track_id: null, album_id: null, position: before.at(-1)!.position + 1,
    });
    const after = await creditsOf(producerArtistId);
    expect(after.map((c) => c.id)).toEqual([...before.map((c) => c.id), reply.body.credit.id]);
  });

  it('adds a credit with only a title and a role, and one linked to a BeatPass track and album', async () => {
    const bare = await producer.request('POST', `/api/v1/artists/${producerArtistId}/credits`, {
      json: { title: '  Untitled session (2019)  ', role: 'Songwriter' }, xsrf: true,
    });
    expect(bare.status).toBe(200);
    expect(bare.body.credit).toMatchObject({
      title: 'Untitled session (2019)', role: 'Songwriter', release_artists: [], album_name: null, release_date: null, spotify_url: null,
    });
    const [track] = await server.rows<{ id: number; album_id: number }>(sql`select id, album_id from tracks where album_id is not null order by id limit 1`);
    const linked = await producer.request('POST', `/api/v1/artists/${producerArtistId}/credits`, {
      json: { title: 'Mixed for a friend', role: 'Mixing Engineer', track_id: track!.id, album_id: track!.album_id, release_date: '2025-06' }, xsrf: true,
    });
    expect(linked.status).toBe(200);
    expect(linked.body.credit).toMatchObject({ track_id: track!.id, album_id: track!.album_id, release_date: '2025-06' });
  });

  it('validates the body: role from the list, real dates, existing tracks and albums, one credit per track and role (422)', async () => {
    const before = await creditsOf(producerArtistId);
    const post = (json: unknown) => producer.request('POST', `/api/v1/artists/${producerArtistId}/credits`, { json, xsrf: true });

    const role = await post({ title: 'X', role: 'DJ' });
    expect(role.status).toBe(422);
    expect(role.body.errors).toEqual({ role: ['The selected role is invalid.'] });
    const shapes = await post({ title: '   ', role: 'Producer', spotify_track_id: 'short', spotify_url: 'https://example.com/x', image: 'ftp://x' });
    expect(shapes.status).toBe(422);
    expect(Object.keys(shapes.body.errors).sort()).toEqual(['image', 'spotify_track_id', 'spotify_url', 'title']);
    const missing = await post({});
    expect(Object.keys(missing.body.errors).sort()).toEqual(['role', 'title']);

    const references = await post({ title: 'X', role: 'Producer', release_date: '2026-02-30', track_id: 99999999, album_id: 99999999 });
    expect(references.status).toBe(422);
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
    const path = `/api/v1/artists/${producerArtistId}/credits`;
    for (const stranger of [listener, developer]) {
      const reply = await stranger.request('POST', path, { json: spotifyCredit(2), xsrf: true });
      expect(reply.status).toBe(403);
      expect(reply.body).toEqual({ message: "Only the artist's manager may change its credits." });
    }
    expect((await producer.request('POST', '/api/v1/artists/999999/credits', { json: spotifyCredit(2), xsrf: true })).status).toBe(404);
    expect((await anonymous.request('POST', path, { json: spotifyCredit(2) })).status).toBe(401);
    expect((await producer.request('POST', path, { json: spotifyCredit(2) })).status).toBe(419);
    expect((await producer.request('POST', path, { body: '{"title":', headers: { 'content-type': 'application/json' }, xsrf: true })).status).toBe(400);
    expect((await producer.request('POST', path, { body: 'title=x', headers: { 'content-type': 'text/plain' }, xsrf: true })).status).toBe(415);
    expect((await producer.request('POST', path, { json: { ...spotifyCredit(2), album_name: 'x'.repeat(1_100_000) }, xsrf: true })).status).toBe(413);
    expect(await creditsOf(producerArtistId)).toEqual(before);
  });

  it('stops at 200 credits with 429 credit_limit_reached, also under concurrent adds', async () => {
    const artistId = await developerArtist(198);
    const path = `/api/v1/artists/${artistId}/credits`;
    const replies = await Promise.all([3, 4, 5, 6].map((n) => developer.request('POST', path, { json: spotifyCredit(n), xsrf: true })));
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
  };

  it('adds one credit per track, in album order, with the album fields and per-track overrides', async () => {
    const before = await creditsOf(producerArtistId);
    const reply = await producer.request('POST', `/api/v1/artists/${producerArtistId}/credits/album`, { json: album, xsrf: true });
    expect(reply.status).toBe(200);
    const [first, second] = reply.body.credits;
    const shared = { role: 'Producer', album_name: 'Static Season', release_date: '2025-11-07', image: album.image, spotify_album_id: album.spotify_album_id };
    expect(first).toMatchObject({ ...shared, title: 'Rooftop Static', release_artists: ['Rae Castillo'], spotify_url: album.tracks[0]!.spotify_url });
    expect(second).toMatchObject({ ...shared, title: 'Sundown Call', release_artists: ['Rae Castillo', 'Lumi Waves'], spotify_url: album.spotify_url });
    expect(second.position).toBe(first.position + 1);
    expect((await creditsOf(producerArtistId)).length).toBe(before.length + 2);
  });

  it('adds nothing when one track is taken, listed twice or unknown (422 naming the item)', async () => {
    const before = await creditsOf(producerArtistId);
    const post = (json: unknown) => producer.request('POST', `/api/v1/artists/${producerArtistId}/credits/album`, { json, xsrf: true });
    const fresh = { title: 'New One', spotify_track_id: 'NEWa1iaRUc9LpPpam7vgaV' };

    const taken = await post({ ...album, tracks: [fresh, album.tracks[1]] });
    expect(taken.status).toBe(422);
    expect(taken.body.errors).toEqual({ 'tracks.1.spotify_track_id': ['The artist already has a Producer credit for this Spotify track.'] });
    const twice = await post({ ...album, tracks: [fresh, fresh] });
    expect(twice.body.errors).toEqual({ 'tracks.1.spotify_track_id': ['The tracks.1.spotify_track_id field has a duplicate value.'] });
    const unknown = await post({ ...album, album_id: 99999999, tracks: [{ title: 'Gone', track_id: 99999999 }] });
    expect(unknown.body.errors).toEqual({
      album_id: ['The selected album id is invalid.'], 'tracks.0.track_id': ['The selected tracks.0.track_id is invalid.'],
    });
    const empty = await post({ ...album, tracks: [] });
    expect(empty.status).toBe(422);
    expect(await creditsOf(producerArtistId)).toEqual(before);
  });

  it("refuses another user's write with 403 and changes nothing; 404, 401, 419, 400, 415, 413 and 429", async () => {
    const before = await creditsOf(producerArtistId);
    const path = `/api/v1/artists/${producerArtistId}/credits/album`;
    const json = { ...album, tracks: [{ title: 'Stranger', spotify_track_id: 'STRa1iaRUc9LpPpam7vgaV' }] };
    expect((await listener.request('POST', path, { json, xsrf: true })).status).toBe(403);
    expect((await producer.request('POST', '/api/v1/artists/999999/credits/album', { json, xsrf: true })).status).toBe(404);
    expect((await anonymous.request('POST', path, { json })).status).toBe(401);
    expect((await producer.request('POST', path, { json })).status).toBe(419);
    expect((await producer.request('POST', path, { body: '[', headers: { 'content-type': 'application/json' }, xsrf: true })).status).toBe(400);
    expect((await producer.request('POST', path, { body: 'x', headers: { 'content-type': 'text/plain' }, xsrf: true })).status).toBe(415);
    expect((await producer.request('POST', path, { json: { ...json, album_name: 'x'.repeat(1_100_000) }, xsrf: true })).status).toBe(413);
    expect(await creditsOf(producerArtistId)).toEqual(before);

    const artistId = await developerArtist(199);
    const full = await developer.request('POST', `/api/v1/artists/${artistId}/credits/album`, { json: album, xsrf: true });
    expect(full.status).toBe(429);
    expect(full.body.error_code).toBe('credit_limit_reached');
    expect(await creditsOf(artistId)).toHaveLength(199);
  });
});

describe('PUT /api/v1/artists/{artist_id}/credits/{credit_id}', () => {
  it('changes the given fields, clears nulls and keeps the rest', async () => {
    const [credit] = await creditsOf(producerArtistId);
    const reply = await producer.request('PUT', `/api/v1/artists/${producerArtistId}/credits/${credit!.id}`, {
      json: { role: 'Co-Producer', album_name: null, release_artists: ['Someone New'] }, xsrf: true,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.credit).toMatchObject({ id: credit!.id, title: credit!.title, role: 'Co-Producer', album_name: null, release_artists: ['Someone New'] });
    expect(Date.parse(reply.body.credit.updated_at)).toBeGreaterThan(Date.parse(credit!.updated_at));
    expect(reply.body.credit.position).toBe(credit!.position);
  });

  it('validates like an add (422), including a clash with another credit of the artist', async () => {
    const credits = await producer.request('GET', `/api/v1/artists/${producerArtistId}/credits`);
    const withSpotify = credits.body.credits.filter((c: { spotify_track_id: string | null }) => c.spotify_track_id !== null);
    const [a, b] = withSpotify;
    const put = (id: number, json: unknown) => producer.request('PUT', `/api/v1/artists/${producerArtistId}/credits/${id}`, { json, xsrf: true });
    const clash = await put(b.id, { spotify_track_id: a.spotify_track_id, role: a.role });
    expect(clash.status).toBe(422);
    expect(clash.body.errors).toEqual({ spotify_track_id: [`The artist already has a ${a.role} credit for this Spotify track.`] });
    expect((await put(b.id, { release_date: '2025-02-29' })).body.errors).toEqual({ release_date: ['The release date field must be a real date.'] });
    expect((await put(b.id, {})).status).toBe(422);
    expect((await put(b.id, { title: null })).status).toBe(422);
    expect((await put(b.id, { role: 'Rapper' })).status).toBe(422);
    const unchanged = await producer.request('GET', `/api/v1/artists/${producerArtistId}/credits`);
    expect(unchanged.body.credits.find((c: { id: number }) => c.id === b.id)).toEqual(b);
  });

  it("answers 403 to another user and 404 for another artist's credit, changing nothing; 404, 401, 419, 400, 415, 413", async () => {
    const [credit] = await creditsOf(producerArtistId);
    const path = `/api/v1/artists/${producerArtistId}/credits/${credit!.id}`;
    const json = { title: 'Hijacked' };
    expect((await listener.request('PUT', path, { json, xsrf: true })).status).toBe(403);
    const foreign = await producer.request('PUT', `/api/v1/artists/${producerArtistId}/credits/${otherCreditId}`, { json, xsrf: true });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ message: 'Credit not found.' });
    expect((await producer.request('PUT', `/api/v1/artists/${otherArtistId}/credits/${otherCreditId}`, { json, xsrf: true })).status).toBe(403);
    expect((await producer.request('PUT', `/api/v1/artists/999999/credits/${credit!.id}`, { json, xsrf: true })).body).toEqual({ message: 'Artist not found.' });
    expect((await producer.request('PUT', `/api/v1/artists/${producerArtistId}/credits/99999999`, { json, xsrf: true })).status).toBe(404);
    expect((await anonymous.request('PUT', path, { json })).status).toBe(401);
    expect((await producer.request('PUT', path, { json })).status).toBe(419);
    expect((await producer.request('PUT', path, { body: '{', headers: { 'content-type': 'application/json' }, xsrf: true })).status).toBe(400);
    expect((await producer.request('PUT', path, { body: 'x', headers: { 'content-type': 'text/plain' }, xsrf: true })).status).toBe(415);
    expect((await producer.request('PUT', path, { json: { title: 'x'.repeat(1_100_000) }, xsrf: true })).status).toBe(413);
    expect((await creditsOf(producerArtistId))[0]).toEqual(credit);
    const [other] = await server.rows<{ title: string }>(sql`select title from artist_credits where id = ${otherCreditId}`);
    expect(other!.title).not.toBe('Hijacked');
  });
});

describe('POST /api/v1/artists/{artist_id}/credits/reorder', () => {
  it('applies a new order of every credit at once', async () => {
    const before = await creditsOf(producerArtistId);
    const ids = before.map((c) => c.id).reverse();
    const reply = await producer.request('POST', `/api/v1/artists/${producerArtistId}/credits/reorder`, { json: { ids }, xsrf: true });
    expect(reply.status).toBe(200);
    expect(reply.body.credits.map((c: { id: number }) => c.id)).toEqual(ids);
    expect(reply.body.credits.map((c: { position: number }) => c.position)).toEqual([...ids.keys()]);
    const listed = await anonymous.request('GET', `/api/v1/artists/${producerArtistId}/credits`);
    expect(listed.body.credits.map((c: { id: number }) => c.id)).toEqual(ids);
  });

  it('refuses a list that is not every credit exactly once (422) and changes nothing', async () => {
    const before = await creditsOf(producerArtistId);
    const ids = before.map((c) => c.id);
    const post = (list: number[]) => producer.request('POST', `/api/v1/artists/${producerArtistId}/credits/reorder`, { json: { ids: list }, xsrf: true });
    for (const list of [ids.slice(1), [...ids, otherCreditId], [ids[0]!, ...ids.slice(0, -1)], [...ids.slice(1), 99999999]]) {
      const reply = await post(list);
      expect(reply.status).toBe(422);
      expect(reply.body.errors).toEqual({ ids: ['The ids field must list every credit of the artist exactly once.'] });
    }
    expect((await post([])).status).toBe(422);
    expect(await creditsOf(producerArtistId)).toEqual(before);
  });

  it("refuses another user's reorder with 403 and changes nothing; 404, 401, 419, 400, 415, 413", async () => {
    const before = await creditsOf(producerArtistId);
    const path = `/api/v1/artists/${producerArtistId}/credits/reorder`;
    const json = { ids: before.map((c) => c.id).reverse() };
    expect((await listener.request('POST', path, { json, xsrf: true })).status).toBe(403);
    expect((await developer.request('POST', path, { json, xsrf: true })).status).toBe(403);
    expect((await producer.request('POST', '/api/v1/artists/999999/credits/reorder', { json, xsrf: true })).status).toBe(404);
    expect((await anonymous.request('POST', path, { json })).status).toBe(401);
    expect((await producer.request('POST', path, { json })).status).toBe(419);
    expect((await producer.request('POST', path, { body: '{', headers: { 'content-type': 'application/json' }, xsrf: true })).status).toBe(400);
    expect((await producer.request('POST', path, { body: 'x', headers: { 'content-type': 'text/plain' }, xsrf: true })).status).toBe(415);
    expect((await producer.request('POST', path, { body: JSON.stringify({ ids: [1], pad: 'x'.repeat(1_100_000) }), headers: { 'content-type': 'application/json' }, xsrf: true })).status).toBe(413);
    expect(await creditsOf(producerArtistId)).toEqual(before);
  });
});

describe('DELETE /api/v1/artists/{artist_id}/credits/{credit_id}', () => {
  it("answers 403 to another user and 404 for another artist's credit, deleting nothing; 401, 419, 422", async () => {
    const before = await creditsOf(producerArtistId);
    const path = `/api/v1/artists/${producerArtistId}/credits/${before[0]!.id}`;
    expect((await listener.request('DELETE', path, { xsrf: true })).status).toBe(403);
    const foreign = await producer.request('DELETE', `/api/v1/artists/${producerArtistId}/credits/${otherCreditId}`, { xsrf: true });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ message: 'Credit not found.' });
    expect((await producer.request('DELETE', `/api/v1/artists/${otherArtistId}/credits/${otherCreditId}`, { xsrf: true })).status).toBe(403);
    expect((await producer.request('DELETE', `/api/v1/artists/999999/credits/${before[0]!.id}`, { xsrf: true })).status).toBe(404);
    expect((await anonymous.request('DELETE', path)).status).toBe(401);
    expect((await producer.request('DELETE', path)).status).toBe(419);
    expect((await producer.request('DELETE', `/api/v1/artists/${producerArtistId}/credits/abc`, { xsrf: true })).status).toBe(422);
    expect(await creditsOf(producerArtistId)).toEqual(before);
    expect(await server.rows(sql`select id from artist_credits where id = ${otherCreditId}`)).toHaveLength(1);
  });

  it('removes the credit; the others keep their order; a second delete is a 404', async () => {
    const before = await creditsOf(producerArtistId);
    const path = `/api/v1/artists/${producerArtistId}/credits/${before[1]!.id}`;
    const reply = await producer.request('DELETE', path, { xsrf: true });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'success' });
    expect((await creditsOf(producerArtistId)).map((c) => c.id)).toEqual(before.filter((_, i) => i !== 1).map((c) => c.id));
    expect((await producer.request('DELETE', path, { xsrf: true })).status).toBe(404);
  });
});
