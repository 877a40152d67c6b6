import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { asSchema } from '../../support/schemas.js';
import { expectStatus } from '../../support/http.js';

const t = useTestServer({ signIn: ['listener', 'producer', 'developer'] });
let producerArtistId: number;
let otherArtistId: number;
let listenerUserId: number;

const PUBLIC_ARTIST_KEYS = ['id', 'model_type', 'name'];
const SUMMARY_KEYS = ['bio', 'created_at', 'followers_count', 'id', 'image_small', 'is_following', 'model_type', 'name', 'plays', 'verified', 'website'];
const PUBLIC_TRACK_KEYS = ['created_at', 'duration_text', 'id', 'image', 'model_type', 'name'];
const USER_KEYS = ['avatar', 'created_at', 'display_name', 'id', 'model_type', 'username'];

beforeAll(async () => {
  producerArtistId = await t.server.artistIdOf('producer@beatpass.test');
  const [other] = await t.server.rows<{ id: number }>(sql`select id from artists where user_id is null order by id limit 1`);
  otherArtistId = other!.id;
  const [user] = await t.server.rows<{ id: number }>(sql`select id from users where email = 'listener@beatpass.test'`);
  listenerUserId = user!.id;
});

async function artistCount(): Promise<number> {
  const [row] = await t.server.rows<{ n: number }>(sql`select count(*)::int as n from artists`);
  return row!.n;
}

/** An artist profile that nobody's session manages, made for one test. */
async function orphanArtist(name: string): Promise<number> {
  const [row] = await t.server.rows<{ id: number }>(sql`insert into artists (name) values (${name}) returning id`);
  return row!.id;
}

describe('GET /api/v1/artists', () => {
  it('lists artists alphabetically, minimal for anonymous callers', async () => {
    const reply = await t.as.anonymous.call('listArtists', { query: { per_page: 100 } });
    expectStatus(reply, 200);
    expect(reply.body.status).toBe('success');
    const page = reply.body.pagination;
    expect(page.total).toBeGreaterThanOrEqual(46);
    for (const artist of page.data) expect(Object.keys(artist).sort()).toEqual(PUBLIC_ARTIST_KEYS);
    const names = page.data.map((a) => a.name.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it('gives signed-in callers profiles with counts and their own follows', async () => {
    const reply = await t.as.listener.call('listArtists', { query: { per_page: 100 } });
    expectStatus(reply, 200);
    for (const artist of reply.body.pagination.data) expect(Object.keys(artist).sort()).toEqual(SUMMARY_KEYS);
    const artists = reply.body.pagination.data.map((artist) => asSchema('ArtistSummary', artist));
    const demo = artists.find((a) => a.id === producerArtistId);
    expect(demo).toMatchObject({ name: 'Demo Producer', is_following: true });
    expect(demo!.followers_count).toBeGreaterThanOrEqual(1);
    const [plays] = await t.server.rows<{ n: number }>(sql`select coalesce(sum(t.plays), 0)::int as n from tracks t
      join track_artists ta on ta.track_id = t.id where ta.artist_id = ${producerArtistId}`);
    expect(demo!.plays).toBe(plays!.n);
  });

  it('pages with per_page and perPage and rejects out-of-range values', async () => {
    const reply = await t.as.anonymous.call('listArtists', { query: { perPage: 5, page: 2 } });
    expectStatus(reply, 200);
    expect(reply.body.pagination).toMatchObject({ current_page: 2, per_page: 5, from: 6, to: 10 });
    expect((await t.as.anonymous.call('listArtists', { query: { page: 0 } })).status).toBe(422);
  });
});

describe('POST /api/v1/artists', () => {
  it('creates one artist profile managed by the caller, and refuses a second with 403', async () => {
    const reply = await t.as.developer.call('createArtist', {
      body: { name: 'Dev Beats', description: 'Beats between deploys.', image_small: 'https://example.com/dev.jpg' },
    });
    expectStatus(reply, 200);
    expect(reply.body).toEqual({
      status: 'success',
      artist: {
        id: expect.any(Number),
        name: 'Dev Beats',
        model_type: 'artist',
        image_small: 'https://example.com/dev.jpg',
        verified: false,
        bio: 'Beats between deploys.',
        website: null,
        followers_count: 0,
        plays: 0,
        is_following: false,
        genres: [],
        top_tracks: [],
        created_at: expect.any(String),
      },
    });
    const rows = await t.server.rows(sql`select a.name, u.email from artists a join users u on u.id = a.user_id where a.id = ${reply.body.artist.id}`);
    expect(rows).toEqual([{ name: 'Dev Beats', email: 'developer@beatpass.test' }]);

    const before = await artistCount();
    const again = await t.as.developer.call('createArtist', { body: { name: 'Dev Beats 2' } });
    expect(again.status).toBe(403);
    expect(again.body).toEqual({ message: 'You already manage an artist profile.' });
    const producerAgain = await t.as.producer.call('createArtist', { body: { name: 'Second' } });
    expect(producerAgain.status).toBe(403);
    expect(await artistCount()).toBe(before);
  });

  it('validates the body (422), and needs a caller (401) with the XSRF header (419)', async () => {
    const before = await artistCount();
    const invalid = await t.as.listener.call('createArtist', { body: { name: '', image_small: 'ftp://x' } });
    expectStatus(invalid, 422);
    expect(Object.keys(invalid.body.errors).sort()).toEqual(['image_small', 'name']);
    const missing = await t.as.listener.call('createArtist', { body: {} });
    expectStatus(missing, 422);
    expect(missing.body.errors).toEqual({ name: ['The name field is required.'] });
    expect((await t.as.anonymous.call('createArtist', { body: { name: 'X' } })).status).toBe(401);
    expect((await t.as.listener.call('createArtist', { body: { name: 'X' }, xsrf: false })).status).toBe(419);
    expect(await artistCount()).toBe(before);
  });
});

describe('PUT /api/v1/artists/{artist_id}', () => {
  it("changes the given fields of the caller's own profile", async () => {
    const reply = await t.as.producer.call('updateArtist', {
      path: { artist_id: producerArtistId },
      body: { description: 'New bio.', website: 'https://demo.example.com' },
    });
    expectStatus(reply, 200);
    expect(reply.body.artist).toMatchObject({ id: producerArtistId, name: 'Demo Producer', bio: 'New bio.', website: 'https://demo.example.com' });
    expect(reply.body.artist.top_tracks.length).toBeGreaterThan(0);
    expect(await t.server.rows(sql`select bio, website from artists where id = ${producerArtistId}`)).toEqual([
      { bio: 'New bio.', website: 'https://demo.example.com' },
    ]);
  });

  it("refuses a second user's change with 403 and leaves the profile as it was", async () => {
    const before = await t.server.rows(sql`select * from artists where id = ${producerArtistId}`);
    const reply = await t.as.listener.call('updateArtist', { path: { artist_id: producerArtistId }, body: { name: 'Hijacked' } });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'You do not manage this artist.' });
    expect(await t.server.rows(sql`select * from artists where id = ${producerArtistId}`)).toEqual(before);
  });

  it('answers 404 for an unknown artist, 422 for an empty body and 401 anonymously', async () => {
    const missing = await t.as.producer.call('updateArtist', { path: { artist_id: 999999 }, body: { name: 'X' } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Artist not found.' });
    expect((await t.as.producer.call('updateArtist', { path: { artist_id: producerArtistId }, body: {} })).status).toBe(422);
    expect((await t.as.anonymous.call('updateArtist', { path: { artist_id: producerArtistId }, body: { name: 'X' } })).status).toBe(401);
  });
});

describe('DELETE /api/v1/artists/{artist_id}', () => {
  it("deletes nothing when one of the artists is someone else's (403) or unknown (404)", async () => {
    const before = await artistCount();
    const forbidden = await t.as.producer.call('deleteArtists', { path: { artist_id: `${producerArtistId},${otherArtistId}` } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({ message: `You do not manage artist ${otherArtistId}.` });
    const missing = await t.as.producer.call('deleteArtists', { path: { artist_id: `${producerArtistId},999999` } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Artist 999999 not found.' });
    expect(await artistCount()).toBe(before);
  });

  it("refuses a second user's delete with 403 and keeps the artist", async () => {
    const reply = await t.as.listener.call('deleteArtists', { path: { artist_id: `${producerArtistId}` } });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: `You do not manage artist ${producerArtistId}.` });
    expect(await t.server.rows(sql`select id from artists where id = ${producerArtistId}`)).toEqual([{ id: producerArtistId }]);
  });

  it('answers 401 anonymously, 419 without the XSRF header and 422 for a malformed id list', async () => {
    expect((await t.as.anonymous.call('deleteArtists', { path: { artist_id: `${producerArtistId}` } })).status).toBe(401);
    expect((await t.as.producer.call('deleteArtists', { path: { artist_id: `${producerArtistId}` }, xsrf: false })).status).toBe(419);
    const bad = await t.as.producer.callUnchecked('deleteArtists', { path: { artist_id: '0' } });
    expectStatus(bad, 422);
    expect(bad.body.errors).toHaveProperty('artist_id');
  });

  it("deletes the caller's own profile; its credits go, its tracks stay, and a new profile can be made", async () => {
    const [own] = await t.server.rows<{ id: number }>(
      sql`select a.id from artists a join users u on u.id = a.user_id where u.email = 'developer@beatpass.test'`,
    );
    let id = own?.id;
    if (id === undefined) {
      const created = await t.as.developer.call('createArtist', { body: { name: 'Dev Beats' } });
      expectStatus(created, 200);
      id = created.body.artist.id;
    }
    const [track] = await t.server.rows<{ id: number }>(sql`select id from tracks order by id limit 1`);
    await t.server.rows(sql`insert into track_artists (track_id, artist_id, position) values (${track!.id}, ${id}, 9)`);

    const reply = await t.as.developer.call('deleteArtists', { path: { artist_id: `${id}` } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'success' });
    expect(await t.server.rows(sql`select id from artists where id = ${id}`)).toEqual([]);
    expect(await t.server.rows(sql`select track_id from track_artists where artist_id = ${id}`)).toEqual([]);
    expect(await t.server.rows(sql`select id from tracks where id = ${track!.id}`)).toEqual([{ id: track!.id }]);
    const again = await t.as.developer.call('createArtist', { body: { name: 'Dev Beats Reborn' } });
    expect(again.status).toBe(200);
  });
});

describe('GET /api/v1/artists/{artist_id}/tracks', () => {
  it("lists the artist's tracks newest first, 20 a page, minimal anonymously and rich with a session", async () => {
    const [total] = await t.server.rows<{ n: number }>(sql`select count(*)::int as n from track_artists where artist_id = ${producerArtistId}`);
    const anon = await t.as.anonymous.call('listArtistTracks', { path: { artist_id: producerArtistId } });
    expectStatus(anon, 200);
    expect(anon.body.pagination).toMatchObject({ per_page: 20, total: total!.n });
    expect(anon.body.pagination.data.length).toBe(Math.min(20, total!.n));
    for (const track of anon.body.pagination.data) expect(Object.keys(track).sort()).toEqual(PUBLIC_TRACK_KEYS);
    const dates = anon.body.pagination.data.map((track) => track.created_at);
    expect(dates).toEqual([...dates].sort().reverse());

    const rich = await t.as.listener.call('listArtistTracks', { path: { artist_id: producerArtistId }, query: { per_page: 100 } });
    expectStatus(rich, 200);
    for (const track of rich.body.pagination.data.map((track) => asSchema('Track', track))) {
      expect(track.artists.map((a) => a.id)).toContain(producerArtistId);
    }
  });

  it('answers an unknown or revoked bearer token with 401 instead of the anonymous list', async () => {
    const reply = await t.as.anonymous.call('listArtistTracks', {
      path: { artist_id: producerArtistId },
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ message: 'Unauthenticated.' });
  });

  it('answers an unknown artist with 404', async () => {
    const reply = await t.as.anonymous.call('listArtistTracks', { path: { artist_id: 999999 } });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'Artist not found.' });
  });
});

describe('GET /api/v1/artists/{artist_id}/albums', () => {
  it("pages the artist's albums 5 at a time with simple pagination (no total)", async () => {
    const [total] = await t.server.rows<{ n: number }>(sql`select count(*)::int as n from album_artists where artist_id = ${producerArtistId}`);
    expect(total!.n).toBeGreaterThanOrEqual(3);
    const reply = await t.as.anonymous.call('listArtistAlbums', { path: { artist_id: producerArtistId }, query: { per_page: 2 } });
    expectStatus(reply, 200);
    const page = reply.body.pagination;
    expect(Object.keys(page).sort()).toEqual(['current_page', 'data', 'first_page_url', 'from', 'next_page_url', 'path', 'per_page', 'prev_page_url', 'to']);
    expect(page).toMatchObject({ current_page: 1, per_page: 2, from: 1, to: 2, prev_page_url: null });
    expect(page.next_page_url).toBe(`${t.server.baseUrl}/api/v1/artists/${producerArtistId}/albums?per_page=2&page=2`);
    for (const album of page.data) expect(Object.keys(album).sort()).toEqual(['id', 'image', 'model_type', 'name', 'release_date']);

    const all = await t.as.listener.call('listArtistAlbums', { path: { artist_id: producerArtistId } });
    expectStatus(all, 200);
    expect(all.body.pagination.per_page).toBe(5);
    expect(all.body.pagination.data.length).toBe(Math.min(5, total!.n));
    for (const album of all.body.pagination.data.map((album) => asSchema('Album', album))) {
      expect(album.artists.map((a) => a.id)).toContain(producerArtistId);
      expect(album).toHaveProperty('tracks');
    }
    const last = await t.as.anonymous.call('listArtistAlbums', { path: { artist_id: producerArtistId }, query: { per_page: total!.n } });
    expectStatus(last, 200);
    expect(last.body.pagination.next_page_url).toBeNull();
  });

  it('answers an unknown artist with 404', async () => {
    expect((await t.as.anonymous.call('listArtistAlbums', { path: { artist_id: 999999 } })).status).toBe(404);
  });
});

describe('GET /api/v1/artists/{artist_id}/followers', () => {
  it('lists followers with their public profile only, 25 a page', async () => {
    const reply = await t.as.anonymous.call('listArtistFollowers', { path: { artist_id: producerArtistId } });
    expectStatus(reply, 200);
    expect(reply.body.pagination.per_page).toBe(25);
    const users = reply.body.pagination.data;
    expect(users.map((u) => u.id)).toContain(listenerUserId);
    for (const user of users) expect(Object.keys(user).sort()).toEqual(USER_KEYS);
    const [total] = await t.server.rows<{ n: number }>(sql`select count(*)::int as n from artist_followers where artist_id = ${producerArtistId}`);
    expect(reply.body.pagination.total).toBe(total!.n);
  });

  it('answers an unknown artist with 404', async () => {
    expect((await t.as.anonymous.call('listArtistFollowers', { path: { artist_id: 999999 } })).status).toBe(404);
  });
});

describe('pinned tracks', () => {
  async function pinned(artistId: number): Promise<number | null> {
    const [row] = await t.server.rows<{ pinned_track_id: number | null }>(sql`select pinned_track_id from artists where id = ${artistId}`);
    return row!.pinned_track_id;
  }
  async function ownTracks(): Promise<number[]> {
    const rows = await t.server.rows<{ track_id: number }>(
      sql`select track_id from track_artists where artist_id = ${producerArtistId} order by track_id limit 2`,
    );
    return rows.map((r) => r.track_id);
  }

  it('pins a credited track, replacing the previous pin, and shows it in both tiers', async () => {
    const [first, second] = await ownTracks();
    for (const id of [first!, second!]) {
      const reply = await t.as.producer.call('pinArtistTrack', { path: { artist_id: producerArtistId, track_id: id } });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ status: 'success' });
    }
    expect(await pinned(producerArtistId)).toBe(second);

    const anon = await t.as.anonymous.call('getArtistPinnedTrack', { path: { artist_id: producerArtistId } });
    expectStatus(anon, 200);
    expect(anon.body.status).toBe('success');
    expect(Object.keys(anon.body.track!).sort()).toEqual(PUBLIC_TRACK_KEYS);
    expect(anon.body.track!.id).toBe(second);
    const rich = await t.as.listener.call('getArtistPinnedTrack', { path: { artist_id: producerArtistId } });
    expectStatus(rich, 200);
    expect(rich.body.track).toMatchObject({ id: second, licensing_type: expect.any(String) });
  });

  it('unpins only the pinned track; unpinning another track changes nothing', async () => {
    const [first, second] = await ownTracks();
    await t.as.producer.call('pinArtistTrack', { path: { artist_id: producerArtistId, track_id: second! } });
    const other = await t.as.producer.call('unpinArtistTrack', { path: { artist_id: producerArtistId, track_id: first! } });
    expect(other.status).toBe(200);
    expect(await pinned(producerArtistId)).toBe(second);
    const reply = await t.as.producer.call('unpinArtistTrack', { path: { artist_id: producerArtistId, track_id: second! } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'success' });
    expect(await pinned(producerArtistId)).toBeNull();
    const none = await t.as.anonymous.call('getArtistPinnedTrack', { path: { artist_id: producerArtistId } });
    expect(none.body).toEqual({ status: 'success', track: null });
  });

  it('refuses a track that is not credited to the artist with 422', async () => {
    const [foreign] = await t.server.rows<{ id: number }>(sql`select id from tracks where id not in
      (select track_id from track_artists where artist_id = ${producerArtistId}) order by id limit 1`);
    const before = await pinned(producerArtistId);
    const reply = await t.as.producer.call('pinArtistTrack', { path: { artist_id: producerArtistId, track_id: foreign!.id } });
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({ message: 'The track is not credited to this artist.', errors: { track_id: ['The track is not credited to this artist.'] } });
    expect(await pinned(producerArtistId)).toBe(before);
  });

  it("refuses a second user's pin and unpin with 403 and changes nothing", async () => {
    const [first] = await ownTracks();
    await t.as.producer.call('pinArtistTrack', { path: { artist_id: producerArtistId, track_id: first! } });
    const [other] = await ownTracks().then((ids) => ids.slice(1));
    const pin = await t.as.listener.call('pinArtistTrack', { path: { artist_id: producerArtistId, track_id: other! } });
    expect(pin.status).toBe(403);
    expect(pin.body).toEqual({ message: "Only the artist's manager may change its pinned track." });
    const unpin = await t.as.listener.call('unpinArtistTrack', { path: { artist_id: producerArtistId, track_id: first! } });
    expect(unpin.status).toBe(403);
    expect(await pinned(producerArtistId)).toBe(first);
  });

  it('answers unknown artists and tracks with 404, anonymous callers with 401 and a missing XSRF header with 419', async () => {
    const [first] = await ownTracks();
    const noArtist = await t.as.producer.call('pinArtistTrack', { path: { artist_id: 999999, track_id: first! } });
    expect(noArtist.status).toBe(404);
    expect(noArtist.body).toEqual({ message: 'Artist not found.' });
    const noTrack = await t.as.producer.call('pinArtistTrack', { path: { artist_id: producerArtistId, track_id: 999999 } });
    expect(noTrack.status).toBe(404);
    expect(noTrack.body).toEqual({ message: 'Track not found.' });
    expect((await t.as.producer.call('unpinArtistTrack', { path: { artist_id: producerArtistId, track_id: 999999 } })).status).toBe(404);
    expect((await t.as.anonymous.call('pinArtistTrack', { path: { artist_id: producerArtistId, track_id: first! } })).status).toBe(401);
    expect((await t.as.producer.call('pinArtistTrack', { path: { artist_id: producerArtistId, track_id: first! }, xsrf: false })).status).toBe(419);
    expect((await t.as.anonymous.call('getArtistPinnedTrack', { path: { artist_id: 999999 } })).status).toBe(404);
  });

  it('shows null when the pinned track is no longer credited to the artist', async () => {
    const id = await orphanArtist('Orphan');
    const [track] = await t.server.rows<{ id: number }>(sql`select id from tracks order by id desc limit 1`);
    await t.server.rows(sql`update artists set pinned_track_id = ${track!.id} where id = ${id}`);
    expect((await t.as.anonymous.call('getArtistPinnedTrack', { path: { artist_id: id } })).body).toEqual({ status: 'success', track: null });
  });

  it('seeds a pinned track for the demo producer and some other artists', async () => {
    const rows = await t.server.rows<{ n: number }>(sql`select count(*)::int as n from artists a
      join track_artists ta on ta.artist_id = a.id and ta.track_id = a.pinned_track_id`);
    expect(rows[0]!.n).toBeGreaterThanOrEqual(5);
  });
});
