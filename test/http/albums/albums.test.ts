import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { asSchema } from '../../support/schemas.js';
import { expectStatus } from '../../support/http.js';

const t = useTestServer({ signIn: ['listener', 'producer'] });
let producerUserId: number;
let producerArtistId: number;
let otherArtistId: number;

const PUBLIC_ALBUM_KEYS = ['id', 'image', 'model_type', 'name', 'release_date'];
const IMAGE = 'https://open.beatpass.ca/storage/albums/test-album.jpg';

beforeAll(async () => {
  const [row] = await t.server.rows<{ user_id: number; artist_id: number }>(
    sql`select u.id as user_id, a.id as artist_id from users u join artists a on a.user_id = u.id where u.email = 'producer@beatpass.test'`,
  );
  producerUserId = row!.user_id;
  producerArtistId = row!.artist_id;
  const [other] = await t.server.rows<{ id: number }>(sql`select id from artists where user_id is null order by id limit 1`);
  otherArtistId = other!.id;
});

async function albumCount(): Promise<number> {
  const [row] = await t.server.rows<{ n: number }>(sql`select count(*)::int as n from albums`);
  return row!.n;
}

/** An album of the demo producer's, made for one test. */
async function producerAlbum(name: string): Promise<number> {
  const reply = await t.as.producer.call('createAlbum', { body: { name, artists: ['CURRENT_USER'], image: IMAGE } });
  expectStatus(reply, 200);
  return reply.body.album.id;
}

/** A seeded album that the demo producer has nothing to do with. */
async function someoneElsesAlbum(): Promise<number> {
  const [row] = await t.server.rows<{ id: number }>(sql`select id from albums where owner_id is null order by id limit 1`);
  return row!.id;
}

describe('GET /api/v1/albums', () => {
  it('gives anonymous callers minimal albums, newest first, in a length-aware page', async () => {
    const reply = await t.as.anonymous.call('listAlbums');
    expectStatus(reply, 200);
    expect(reply.body.status).toBe('success');
    const page = reply.body.pagination;
    expect(page).toMatchObject({ current_page: 1, per_page: 15, from: 1, to: 15, prev_page_url: null });
    expect(page.total).toBeGreaterThanOrEqual(30);
    expect(page.next_page_url).toBe(`${t.server.baseUrl}/api/v1/albums?page=2`);
    for (const album of page.data) expect(Object.keys(album).sort()).toEqual(PUBLIC_ALBUM_KEYS);
    const ids = await t.server.rows<{ id: number }>(sql`select id from albums order by created_at desc, id desc limit 15`);
    expect(page.data.map((a) => a.id)).toEqual(ids.map((r) => r.id));
  });

  it('gives signed-in callers rich albums with artists, tracks in order and derived plays, genres and tags', async () => {
    const reply = await t.as.listener.call('listAlbums', { query: { per_page: 40 } });
    expectStatus(reply, 200);
    const albums = reply.body.pagination.data.map((album) => asSchema('Album', album));
    expect(albums.length).toBeGreaterThanOrEqual(30);
    for (const album of albums) {
      expect(album.model_type).toBe('album');
      expect(album.artists.length).toBeGreaterThan(0);
      expect(album.tracks.length).toBeGreaterThanOrEqual(3);
      expect(album.plays).toBe(album.tracks.reduce((sum, track) => sum + track.plays, 0));
      const trackGenres = new Set(album.tracks.flatMap((track) => track.genres.map((g) => g.id)));
      expect(new Set(album.genres.map((g) => g.id))).toEqual(trackGenres);
      const trackTags = new Set(album.tracks.flatMap((track) => track.tags.map((g) => g.id)));
      expect(new Set(album.tags.map((g) => g.id))).toEqual(trackTags);
    }
    const numbers = await t.server.rows<{ id: number }>(sql`select id from tracks where album_id = ${albums[0]!.id} order by number`);
    expect(albums[0]!.tracks.map((track) => track.id)).toEqual(numbers.map((r) => r.id));
  });

  it('accepts perPage and rejects out-of-range paging with 422', async () => {
    const camel = await t.as.anonymous.call('listAlbums', { query: { perPage: 2 } });
    expectStatus(camel, 200);
    expect(camel.body.pagination.per_page).toBe(2);
    expect(camel.body.pagination.data).toHaveLength(2);
    const bad = await t.as.anonymous.call('listAlbums', { query: { per_page: 501 } });
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual({
      message: 'The per_page field must not be greater than 500.',
      errors: { per_page: ['The per_page field must not be greater than 500.'] },
    });
  });
});

describe('GET /api/v1/albums/{album_id}', () => {
  it('returns the minimal album anonymously and the rich one with a session', async () => {
    const anon = await t.as.anonymous.call('getAlbum', { path: { album_id: 1 } });
    expectStatus(anon, 200);
    expect(anon.body.loader).toBe('albumPage');
    expect(Object.keys(anon.body.album).sort()).toEqual(PUBLIC_ALBUM_KEYS);
    expect(anon.body.album.release_date === null || /^\d{4}-\d{2}-\d{2}$/.test(anon.body.album.release_date)).toBe(true);

    const reply = await t.as.listener.call('getAlbum', { path: { album_id: 1 } });
    expectStatus(reply, 200);
    const album = asSchema('Album', reply.body.album);
    expect(album).toMatchObject({ ...anon.body.album, plays: expect.any(Number), created_at: expect.any(String) });
    expect(album.tracks.length).toBeGreaterThan(0);
    expect(album.tracks[0]).toHaveProperty('licensing_type');
  });

  it('answers an unknown album with 404 and a non-numeric id with 422', async () => {
    const missing = await t.as.anonymous.call('getAlbum', { path: { album_id: 999999 } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Album not found.' });
    const bad = await t.as.anonymous.callUnchecked('getAlbum', { path: { album_id: 'abc' } });
    expectStatus(bad, 422);
    expect(bad.body.errors.album_id).toEqual(['The album_id field must be an integer.']);
  });
});

describe('POST /api/v1/albums', () => {
  it("creates an album for the caller's own artist profile, owned by the caller", async () => {
    const reply = await t.as.producer.call('createAlbum', {
      body: { name: 'Night Shift Tape', description: 'Eight beats.', release_date: '2026-03-13', artists: ['CURRENT_USER'], image: IMAGE },
    });
    expectStatus(reply, 200);
    expect(reply.body).toEqual({
      status: 'success',
      album: {
        id: expect.any(Number),
        name: 'Night Shift Tape',
        model_type: 'album',
        image: IMAGE,
        release_date: '2026-03-13',
        description: 'Eight beats.',
        plays: 0,
        created_at: expect.any(String),
        updated_at: expect.any(String),
        artists: [{ id: producerArtistId, name: 'Demo Producer', model_type: 'artist' }],
        genres: [],
        tags: [],
        tracks: [],
      },
    });
    const rows = await t.server.rows(sql`select name, owner_id, release_date::text from albums where id = ${reply.body.album.id}`);
    expect(rows).toEqual([{ name: 'Night Shift Tape', owner_id: producerUserId, release_date: '2026-03-13' }]);
    const credits = await t.server.rows(sql`select artist_id, position from album_artists where album_id = ${reply.body.album.id}`);
    expect(credits).toEqual([{ artist_id: producerArtistId, position: 0 }]);
  });

  it('keeps the order of credited artists, primary first, without duplicates', async () => {
    const reply = await t.as.producer.call('createAlbum', {
      body: { name: 'Joint Tape', artists: [otherArtistId, 'CURRENT_USER', producerArtistId], image: IMAGE },
    });
    expectStatus(reply, 200);
    expect(reply.body.album.artists.map((a) => a.id)).toEqual([otherArtistId, producerArtistId]);
    expect(reply.body.album.description).toBeNull();
    expect(reply.body.album.release_date).toBeNull();
  });

  it('refuses an album credited only to artists the caller does not manage with 403, and stores nothing', async () => {
    const before = await albumCount();
    const reply = await t.as.producer.call('createAlbum', { body: { name: 'Not mine', artists: [otherArtistId], image: IMAGE } });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'You can only create albums for an artist profile you manage.' });
    expect(await albumCount()).toBe(before);
  });

  it('refuses a caller without an artist profile with 403, with or without CURRENT_USER, and stores nothing', async () => {
    const before = await albumCount();
    for (const artists of [['CURRENT_USER' as const], [otherArtistId]]) {
      const reply = await t.as.listener.call('createAlbum', { body: { name: 'Mine', artists, image: IMAGE } });
      expect(reply.status).toBe(403);
      expect(reply.body).toEqual({ message: 'You need an artist profile to create albums.' });
    }
    expect(await albumCount()).toBe(before);
  });

  it('answers an unknown artist id with 422 on that item', async () => {
    const reply = await t.as.producer.call('createAlbum', { body: { name: 'X', artists: ['CURRENT_USER', 999999], image: IMAGE } });
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({ message: 'The selected artists.1 is invalid.', errors: { 'artists.1': ['The selected artists.1 is invalid.'] } });
  });

  it('validates name, artists, image and release_date with per-field 422s', async () => {
    const missing = await t.as.producer.call('createAlbum', { body: { description: 'x' } });
    expectStatus(missing, 422);
    expect(Object.keys(missing.body.errors).sort()).toEqual(['artists', 'image', 'name']);
    expect(missing.body.errors.name).toEqual(['The name field is required.']);

    const invalid = await t.as.producer.call('createAlbum', {
      body: { name: '', artists: [], image: 'javascript:alert(1)', release_date: '2026-02-30' },
    });
    expectStatus(invalid, 422);
    expect(Object.keys(invalid.body.errors).sort()).toEqual(['artists', 'image', 'name']);

    const before = await albumCount();
    for (const date of ['2026-02-30', '0000-01-01', '2026-13-01', 'tomorrow']) {
      const reply = await t.as.producer.call('createAlbum', {
        body: { name: 'Dated', artists: ['CURRENT_USER'], image: IMAGE, release_date: date },
      });
      expectStatus(reply, 422);
      expect(Object.keys(reply.body.errors)).toEqual(['release_date']);
    }
    expect(await albumCount()).toBe(before);
  });

  it('needs a signed-in caller (401) and, with a session, the XSRF header (419)', async () => {
    const body = { name: 'X', artists: ['CURRENT_USER' as const], image: IMAGE };
    const anon = await t.as.anonymous.call('createAlbum', { body });
    expect(anon.status).toBe(401);
    expect(anon.body).toEqual({ message: 'Unauthenticated.' });
    const noXsrf = await t.as.producer.call('createAlbum', { body, xsrf: false });
    expect(noXsrf.status).toBe(419);
  });
});

describe('PUT /api/v1/albums/{album_id}', () => {
  it('changes only the given fields', async () => {
    const id = await producerAlbum('Before');
    const reply = await t.as.producer.call('updateAlbum', { path: { album_id: id }, body: { name: 'After', release_date: '2026-04-03' } });
    expectStatus(reply, 200);
    expect(reply.body.status).toBe('success');
    expect(reply.body.album).toMatchObject({ id, name: 'After', release_date: '2026-04-03', image: IMAGE });
    const cleared = await t.as.producer.call('updateAlbum', { path: { album_id: id }, body: { release_date: null } });
    expectStatus(cleared, 200);
    expect(cleared.body.album).toMatchObject({ name: 'After', release_date: null });
    const rows = await t.server.rows(sql`select name, release_date from albums where id = ${id}`);
    expect(rows).toEqual([{ name: 'After', release_date: null }]);
  });

  it('updates a seeded album with tracks and keeps them', async () => {
    const [own] = await t.server.rows<{ id: number }>(sql`select id from albums where owner_id = ${producerUserId} order by id limit 1`);
    const before = await t.as.producer.call('getAlbum', { path: { album_id: own!.id } });
    expectStatus(before, 200);
    const reply = await t.as.producer.call('updateAlbum', { path: { album_id: own!.id }, body: { description: 'Remastered.' } });
    expectStatus(reply, 200);
    expect(reply.body.album.tracks).toEqual(asSchema('Album', before.body.album).tracks);
    expect(reply.body.album.description).toBe('Remastered.');
  });

  it("lets the manager of a credited artist edit someone else's album", async () => {
    const [row] = await t.server.rows<{ id: number }>(sql`insert into albums (name, image, owner_id) values ('Shared', ${IMAGE}, null) returning id`);
    await t.server.rows(sql`insert into album_artists (album_id, artist_id, position) values (${row!.id}, ${producerArtistId}, 0)`);
    const reply = await t.as.producer.call('updateAlbum', { path: { album_id: row!.id }, body: { name: 'Shared (edited)' } });
    expectStatus(reply, 200);
    expect(reply.body.album.name).toBe('Shared (edited)');
  });

  it("refuses another user's change with 403 and leaves the album as it was", async () => {
    const id = await producerAlbum('Guarded');
    const reply = await t.as.listener.call('updateAlbum', { path: { album_id: id }, body: { name: 'Hijacked' } });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'You may not change this album.' });
    expect(await t.server.rows(sql`select name from albums where id = ${id}`)).toEqual([{ name: 'Guarded' }]);
  });

  it('refuses credits that leave out every artist the caller manages, changing nothing', async () => {
    const id = await producerAlbum('Credits');
    const reply = await t.as.producer.call('updateAlbum', { path: { album_id: id }, body: { name: 'Renamed', artists: [otherArtistId] } });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'An album must stay credited to an artist profile you manage.' });
    expect(await t.server.rows(sql`select name from albums where id = ${id}`)).toEqual([{ name: 'Credits' }]);
    expect(await t.server.rows(sql`select artist_id from album_artists where album_id = ${id}`)).toEqual([{ artist_id: producerArtistId }]);
  });

  it('replaces the credits', async () => {
    const id = await producerAlbum('Recredit');
    const reply = await t.as.producer.call('updateAlbum', { path: { album_id: id }, body: { artists: ['CURRENT_USER', otherArtistId] } });
    expectStatus(reply, 200);
    expect(reply.body.album.artists.map((a) => a.id)).toEqual([producerArtistId, otherArtistId]);
  });

  it('answers 404 for an unknown album, 422 for an empty body and 401 anonymously', async () => {
    const missing = await t.as.producer.call('updateAlbum', { path: { album_id: 999999 }, body: { name: 'X' } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Album not found.' });
    const id = await producerAlbum('Empty body');
    const empty = await t.as.producer.call('updateAlbum', { path: { album_id: id }, body: {} });
    expect(empty.status).toBe(422);
    const anon = await t.as.anonymous.call('updateAlbum', { path: { album_id: id }, body: { name: 'X' } });
    expect(anon.status).toBe(401);
  });
});

describe('DELETE /api/v1/albums/{album_id}', () => {
  it('deletes several albums at once and keeps their tracks', async () => {
    const own = await t.server.rows<{ id: number }>(sql`select id from albums where owner_id = ${producerUserId} order by id limit 2`);
    const ids = own.map((r) => r.id);
    const tracksBefore = await t.server.rows<{ id: number }>(sql`select id from tracks where album_id in (${ids[0]}, ${ids[1]})`);
    expect(tracksBefore.length).toBeGreaterThan(0);
    const reply = await t.as.producer.call('deleteAlbums', { path: { album_id: ids.join(',') } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'success' });
    expect(await t.server.rows(sql`select id from albums where id in (${ids[0]}, ${ids[1]})`)).toEqual([]);
    const tracksAfter = await t.server.rows<{ album_id: number | null }>(
      sql`select album_id from tracks where id in (${sql.join(
        tracksBefore.map((track) => sql`${track.id}`),
        sql`, `,
      )})`,
    );
    expect(tracksAfter).toHaveLength(tracksBefore.length);
    expect(tracksAfter.every((track) => track.album_id === null)).toBe(true);
    expect((await t.as.anonymous.call('getAlbum', { path: { album_id: ids[0]! } })).status).toBe(404);
  });

  it("deletes nothing when one of the albums is someone else's (403)", async () => {
    const own = await producerAlbum('Keep me 1');
    const other = await someoneElsesAlbum();
    const reply = await t.as.producer.call('deleteAlbums', { path: { album_id: `${own},${other}` } });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: `You may not delete album ${other}.` });
    expect(await t.server.rows(sql`select count(*)::int as n from albums where id in (${own}, ${other})`)).toEqual([{ n: 2 }]);
  });

  it('deletes nothing when one of the ids does not exist (404)', async () => {
    const own = await producerAlbum('Keep me 2');
    const reply = await t.as.producer.call('deleteAlbums', { path: { album_id: `${own},999999` } });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'Album 999999 not found.' });
    expect(await t.server.rows(sql`select count(*)::int as n from albums where id = ${own}`)).toEqual([{ n: 1 }]);
  });

  it("refuses a second user's delete with 403 and keeps the album", async () => {
    const own = await producerAlbum('Keep me 3');
    const reply = await t.as.listener.call('deleteAlbums', { path: { album_id: String(own) } });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: `You may not delete album ${own}.` });
    expect(await t.server.rows(sql`select count(*)::int as n from albums where id = ${own}`)).toEqual([{ n: 1 }]);
  });

  it('answers 401 anonymously, 419 without the XSRF header and 422 for a malformed id list', async () => {
    const own = await producerAlbum('Keep me 4');
    expect((await t.as.anonymous.call('deleteAlbums', { path: { album_id: String(own) } })).status).toBe(401);
    expect((await t.as.producer.call('deleteAlbums', { path: { album_id: String(own) }, xsrf: false })).status).toBe(419);
    const bad = await t.as.producer.callUnchecked('deleteAlbums', { path: { album_id: '1,,2' } });
    expectStatus(bad, 422);
    expect(bad.body.errors).toHaveProperty('album_id');
    expect(await t.server.rows(sql`select count(*)::int as n from albums where id = ${own}`)).toEqual([{ n: 1 }]);
  });
});
