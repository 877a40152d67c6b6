import { createHash } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../domains/auth/passwords.js';
import { openDatabase, type Database } from '../db/connection.js';
import { artistFollowers, artists, genres, tags, trackLikes, tracks, users } from '../db/schema.js';
import { COMMUNITY_EMAIL_DOMAIN } from './social.js';
import { DEMO_PASSWORD, DEMO_PRODUCER_ARTIST_NAME, DEMO_RECOVERY_CODES, DEMO_TOTP_SECRET, demoUsers, seedDemoData } from './seed.js';

const opened: Database[] = [];
async function fresh(): Promise<Database> {
  const database = await openDatabase({ kind: 'pglite' });
  opened.push(database);
  return database;
}

async function count(database: Database, table: string): Promise<number> {
  const result = await database.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
  const rows = Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows;
  return rows[0]!.n;
}

async function rowsOf<T>(database: Database, query: string): Promise<T[]> {
  const result = await database.db.execute(sql.raw(query));
  return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
}

describe('seedDemoData', { timeout: 60_000 }, () => {
  let a: Database;
  let seedMs = 0;

  beforeAll(async () => {
    a = await fresh();
    const started = performance.now();
    const result = await seedDemoData(a.db);
    seedMs = performance.now() - started;
    expect(result).toEqual({ seeded: true });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(opened.map((d) => d.close()));
  });

  it('is reasonably fast', () => {
    console.info(`seedDemoData took ${seedMs.toFixed(0)} ms`);
    expect(seedMs).toBeLessThan(10_000);
  });

  it('creates the catalog', async () => {
    expect(await count(a, 'tracks')).toBeGreaterThanOrEqual(200);
    expect(await count(a, 'artists')).toBeGreaterThanOrEqual(40);
    expect(await count(a, 'genres')).toBeGreaterThanOrEqual(20);
    expect(await count(a, 'tags')).toBeGreaterThanOrEqual(25);
    expect(await count(a, 'track_genres')).toBeGreaterThan(0);
    expect(await count(a, 'track_tags')).toBeGreaterThan(0);
    const genreNames = (await a.db.select({ name: genres.name }).from(genres)).map((g) => g.name);
    expect(genreNames).toEqual(expect.arrayContaining(['trap', 'lo-fi', 'drill', 'boom-bap', 'afrobeats', 'r-and-b', 'reggaeton']));
    const tagNames = (await a.db.select({ name: tags.name }).from(tags)).map((t) => t.name);
    expect(tagNames).toEqual(expect.arrayContaining(['dark', 'melodic', '808']));
  });

  it('creates the five demo users', async () => {
    const rows = (await a.db.select().from(users).orderBy(asc(users.id))).filter((u) => !u.email.endsWith(`@${COMMUNITY_EMAIL_DOMAIN}`));
    expect(rows.map((u) => u.email).sort()).toEqual([
      'developer@beatpass.test',
      'disabled@beatpass.test',
      'listener@beatpass.test',
      'producer@beatpass.test',
      'twofactor@beatpass.test',
    ]);
    expect(demoUsers).toHaveLength(5);
    const byEmail = new Map(rows.map((u) => [u.email, u]));
    expect(byEmail.get('developer@beatpass.test')!.developerAccess).toBe(true);
    expect(byEmail.get('listener@beatpass.test')!.developerAccess).toBe(false);
    expect(byEmail.get('disabled@beatpass.test')!.disabledAt).toBeInstanceOf(Date);
    expect(byEmail.get('listener@beatpass.test')!.disabledAt).toBeNull();
    const twoFactor = byEmail.get('twofactor@beatpass.test')!;
    expect(twoFactor.twoFactorSecret).toBe(DEMO_TOTP_SECRET);
    expect(twoFactor.twoFactorRecoveryCodes).toEqual(DEMO_RECOVERY_CODES.map((c) => createHash('sha256').update(c).digest('hex')));
    expect(byEmail.get('listener@beatpass.test')!.twoFactorSecret).toBeNull();
    expect(await verifyPassword(DEMO_PASSWORD, rows[0]!.passwordHash)).toBe(true);
    for (const u of demoUsers) expect(u.password).toBe(DEMO_PASSWORD);

    const producer = byEmail.get('producer@beatpass.test')!;
    const [artist] = await a.db.select().from(artists).where(sql`${artists.userId} = ${producer.id}`);
    expect(artist?.name).toBe(DEMO_PRODUCER_ARTIST_NAME);
    const [{ n: owned } = { n: 0 }] = await rowsOf<{ n: number }>(a, `select count(*)::int as n from tracks where owner_id = ${producer.id}`);
    expect(owned).toBeGreaterThanOrEqual(20);
    const [{ n: credited } = { n: 0 }] = await rowsOf<{ n: number }>(
      a,
      `select count(*)::int as n from tracks t where t.owner_id = ${producer.id}
         and not exists (select 1 from track_artists ta where ta.track_id = t.id and ta.artist_id = ${artist!.id})`,
    );
    expect(credited).toBe(0);
  });

  it('gives every track an artist and a genre, with positions from 0', async () => {
    const orphans = await rowsOf<{ id: number }>(
      a,
      `
      select t.id from tracks t
      where not exists (select 1 from track_artists ta where ta.track_id = t.id)
         or not exists (select 1 from track_genres tg where tg.track_id = t.id)`,
    );
    expect(orphans).toEqual([]);
    const badPositions = await rowsOf<{ track_id: number }>(
      a,
      `
      select track_id from track_artists group by track_id
      having min(position) <> 0 or max(position) <> count(*) - 1 or count(*) > 2`,
    );
    expect(badPositions).toEqual([]);
    const tooManyGenres = await rowsOf(a, 'select track_id from track_genres group by track_id having count(*) > 2');
    expect(tooManyGenres).toEqual([]);
    const tooManyTags = await rowsOf(a, 'select track_id from track_tags group by track_id having count(*) > 3');
    expect(tooManyTags).toEqual([]);
  });

  it('keeps track fields within the documented rules', async () => {
    const rows = await a.db.select().from(tracks);
    const from = Date.UTC(2025, 5, 1);
    const to = Date.UTC(2026, 10, 1);
    const licensingTypes = new Set<string>();
    for (const t of rows) {
      licensingTypes.add(t.licensingType);
      expect(t.bpm).toBeGreaterThanOrEqual(60);
      expect(t.bpm).toBeLessThanOrEqual(200);
      expect(t.key.length).toBeLessThanOrEqual(10);
      expect(t.key).toMatch(/^[A-G][#b]?$/);
      expect(t.scale.length).toBeLessThanOrEqual(20);
      expect(t.durationMs).toBeGreaterThanOrEqual(90_000);
      expect(t.durationMs).toBeLessThanOrEqual(241_000);
      expect(['USD', 'EUR', 'GBP', 'CAD']).toContain(t.currency);
      expect(['non_exclusive_only', 'both', 'exclusive_only']).toContain(t.licensingType);
      expect(t.createdAt.getTime()).toBeGreaterThanOrEqual(from);
      expect(t.createdAt.getTime()).toBeLessThanOrEqual(to);
      expect(t.updatedAt.getTime()).toBeGreaterThanOrEqual(t.createdAt.getTime());
      expect(t.image).toMatch(/^https:\/\/open\.beatpass\.ca\/storage\/covers\/[a-z0-9-]+-\d+\.jpg$/);
      if (t.licensingType === 'non_exclusive_only') {
        expect(t.exclusiveStatus).toBeNull();
      } else {
        expect(['available', 'not_available', 'sold']).toContain(t.exclusiveStatus);
      }
      // Offered, or sold through a purchase (which keeps the terms it sold on: the demo's past sale).
      const priced =
        t.licensingType !== 'non_exclusive_only' && (t.exclusiveStatus === 'available' || (t.exclusiveStatus === 'sold' && t.exclusivePriceMinor !== null));
      if (priced) {
        expect(t.exclusivePriceMinor).not.toBeNull();
        expect(t.exclusivePriceMinor!).toBeGreaterThanOrEqual(100);
        expect(t.exclusivePriceMinor!).toBeLessThanOrEqual(99_999_999);
        expect(['USD', 'EUR', 'GBP', 'CAD']).toContain(t.exclusiveCurrency);
      } else {
        expect(t.exclusivePriceMinor).toBeNull();
      }
      expect(t.plays).toBeGreaterThanOrEqual(0);
      expect(t.likesCount).toBeGreaterThanOrEqual(0);
    }
    expect(licensingTypes.size).toBe(3);
    expect(new Set(rows.map((t) => t.name)).size).toBe(rows.length);
  });

  it('gives the listener follows and likes', async () => {
    const [listener] = await a.db.select().from(users).where(sql`${users.email} = 'listener@beatpass.test'`);
    const follows = await a.db.select().from(artistFollowers).where(sql`${artistFollowers.userId} = ${listener!.id}`);
    const likes = await a.db.select().from(trackLikes).where(sql`${trackLikes.userId} = ${listener!.id}`);
    expect(follows.length).toBeGreaterThan(0);
    expect(likes.length).toBeGreaterThan(0);
    const unliked = await rowsOf(a, `select t.id from track_likes l join tracks t on t.id = l.track_id where t.likes_count < 1`);
    expect(unliked).toEqual([]);
  });

  it('gives the social lists content, with track counts that include every like and repost', async () => {
    const [social] = await rowsOf<Record<string, number>>(
      a,
      `select (select count(*)::int from users where email like '%@${COMMUNITY_EMAIL_DOMAIN}') as community,
              (select count(*)::int from user_follows f join users u on u.id = f.followed_id where u.email = 'producer@beatpass.test') as producer_followers,
              (select count(*)::int from user_follows f join users u on u.id = f.follower_id where u.email = 'listener@beatpass.test') as listener_following,
              (select count(*)::int from album_likes) as album_likes,
              (select count(*)::int from artist_likes) as artist_likes,
              (select count(*)::int from collections where featured) as featured,
              (select count(*)::int from collections c join users u on u.id = c.user_id where u.email = 'listener@beatpass.test') as listener_collections`,
    );
    expect(social!.community).toBeGreaterThanOrEqual(20);
    expect(social!.producer_followers).toBeGreaterThan(5);
    expect(social!.listener_following).toBeGreaterThan(0);
    expect(social!.album_likes).toBeGreaterThan(0);
    expect(social!.artist_likes).toBeGreaterThan(0);
    expect(social!.featured).toBeGreaterThanOrEqual(3);
    expect(social!.listener_collections).toBe(2);
    const undercounted = await rowsOf(
      a,
      `select t.id from tracks t where t.likes_count < (select count(*) from track_likes l where l.track_id = t.id)
          or t.reposts_count < (select count(*) from track_reposts r where r.track_id = t.id)`,
    );
    expect(undercounted).toEqual([]);
    const communityOnProducerTracks = await rowsOf(
      a,
      `select l.track_id from track_likes l join users u on u.id = l.user_id join tracks t on t.id = l.track_id
       join users o on o.id = t.owner_id where u.email like '%@${COMMUNITY_EMAIL_DOMAIN}' and o.email = 'producer@beatpass.test'`,
    );
    expect(communityOnProducerTracks).toEqual([]);
  });

  it('creates demo playlists (public, private, collaborative with an editor and a pending invitation) and lyrics', async () => {
    const [counts] = await rowsOf<Record<string, number>>(
      a,
      `
      select (select count(*)::int from playlists) as playlists,
             (select count(*)::int from playlists where public) as public,
             (select count(*)::int from playlists where not public) as private,
             (select count(*)::int from playlists where collaborative) as collaborative,
             (select count(*)::int from playlist_tracks) as entries,
             (select count(*)::int from playlist_editors) as editors,
             (select count(*)::int from playlist_invites where status = 'pending' and expires_at > now()) as pending,
             (select count(*)::int from playlist_followers) as followers,
             (select count(*)::int from lyrics) as lyrics,
             (select count(*)::int from lyrics where synced) as synced`,
    );
    expect(counts).toEqual({
      playlists: 5,
      public: 3,
      private: 2,
      collaborative: 2,
      entries: expect.any(Number),
      editors: 1,
      pending: 1,
      followers: 3,
      lyrics: 5,
      synced: 1,
    });
    expect(counts!.entries).toBeGreaterThanOrEqual(40);
    // Positions run 0..n-1 in every playlist, and no playlist is over the limits.
    const badPositions = await rowsOf(
      a,
      `
      select playlist_id from playlist_tracks group by playlist_id
      having min(position) <> 0 or max(position) <> count(*) - 1 or count(distinct position) <> count(*) or count(*) > 500`,
    );
    expect(badPositions).toEqual([]);
    const badNames = await rowsOf(
      a,
      `select id from playlists where length(name) not between 3 and 250
      or (description is not null and length(description) not between 20 and 170)`,
    );
    expect(badNames).toEqual([]);
    const [editor] = await rowsOf<{ email: string; collaborative: boolean }>(
      a,
      `
      select u.email, p.collaborative from playlist_editors e join users u on u.id = e.user_id join playlists p on p.id = e.playlist_id`,
    );
    expect(editor).toEqual({ email: 'producer@beatpass.test', collaborative: true });
  });

  it('creates albums over existing tracks, some by the demo producer, and pinned tracks', async () => {
    const [counts] = await rowsOf<Record<string, number>>(
      a,
      `
      select (select count(*)::int from albums) as albums,
             (select count(*)::int from albums al join users u on u.id = al.owner_id where u.email = 'producer@beatpass.test') as producer_albums,
             (select count(*)::int from albums where not exists (select 1 from album_artists aa where aa.album_id = albums.id)) as uncredited,
             (select count(*)::int from albums where (select count(*) from tracks t where t.album_id = albums.id) < 3) as short,
             (select count(*)::int from tracks where album_id is not null and number is null) as unnumbered,
             (select count(*)::int from artists where pinned_track_id is not null) as pinned`,
    );
    expect(counts!.albums).toBeGreaterThanOrEqual(30);
    expect(counts!.producer_albums).toBeGreaterThanOrEqual(2);
    expect(counts).toMatchObject({ uncredited: 0, short: 0, unnumbered: 0 });
    expect(counts!.pinned).toBeGreaterThanOrEqual(5);
    // An album's tracks are its primary artist's, numbered 1..n; a pinned track is credited to its artist.
    const foreign = await rowsOf(
      a,
      `select t.id from tracks t join album_artists aa on aa.album_id = t.album_id
      where not exists (select 1 from track_artists ta where ta.track_id = t.id and ta.artist_id = aa.artist_id)`,
    );
    expect(foreign).toEqual([]);
    const badNumbers = await rowsOf(
      a,
      `select album_id from tracks where album_id is not null group by album_id
      having min(number) <> 1 or max(number) <> count(*) or count(distinct number) <> count(*)`,
    );
    expect(badNumbers).toEqual([]);
    const badPins = await rowsOf(
      a,
      `select a.id from artists a where a.pinned_track_id is not null
      and not exists (select 1 from track_artists ta where ta.artist_id = a.id and ta.track_id = a.pinned_track_id)`,
    );
    expect(badPins).toEqual([]);
  });

  it('does nothing when users already exist', async () => {
    const before = await count(a, 'tracks');
    expect(await seedDemoData(a.db)).toEqual({ seeded: false });
    expect(await count(a, 'tracks')).toBe(before);
    expect(await count(a, 'users')).toBe(5 + (await count(a, `users where email like '%@${COMMUNITY_EMAIL_DOMAIN}'`)));
  });

  it('is deterministic across fresh databases', async () => {
    const b = await fresh();
    expect(await seedDemoData(b.db)).toEqual({ seeded: true });
    const names = async (d: Database) => (await d.db.select({ name: tracks.name }).from(tracks).orderBy(asc(tracks.id))).map((t) => t.name);
    const snapshot = async (d: Database) =>
      rowsOf(
        d,
        `
      select t.id, t.name, t.bpm, t.key, t.scale, t.price_minor, t.licensing_type, t.exclusive_status,
             t.exclusive_price_minor, t.created_at, t.image,
             (select string_agg(a.name, ',' order by ta.position) from track_artists ta join artists a on a.id = ta.artist_id where ta.track_id = t.id) as artists,
             (select string_agg(g.name, ',' order by g.name) from track_genres tg join genres g on g.id = tg.genre_id where tg.track_id = t.id) as genres
      from tracks t order by t.id`,
      );
    expect(await names(b)).toEqual(await names(a));
    expect(await snapshot(b)).toEqual(await snapshot(a));
    const albumSnapshot = async (d: Database) =>
      rowsOf(
        d,
        `
      select al.id, al.name, al.release_date::text, al.image, al.owner_id, al.created_at,
             (select string_agg(t.id || ':' || t.number, ',' order by t.number) from tracks t where t.album_id = al.id) as tracks
      from albums al order by al.id`,
      );
    expect(await albumSnapshot(b)).toEqual(await albumSnapshot(a));
    const pins = async (d: Database) => rowsOf(d, 'select id, pinned_track_id from artists order by id');
    expect(await pins(b)).toEqual(await pins(a));
  });

  it('honours options.tracks, down to a catalog too small for albums (the scale tests seed 5)', async () => {
    const c = await fresh();
    expect(await seedDemoData(c.db, { tracks: 5 })).toEqual({ seeded: true });
    expect(await count(c, 'tracks')).toBe(5);
  });
});
