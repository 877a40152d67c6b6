// Discovery: radio, channels, carousels, landing artists and producer highlights rank what
// the data says. Each test builds its own artists, tracks, listeners, plays and likes with SQL
// (ids are never assumed) and checks that the rankings move when the data does.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';

const t = useTestServer({ signIn: ['listener', 'producer'] });

const PUBLIC_TRACK_KEYS = ['created_at', 'duration_text', 'id', 'image', 'model_type', 'name'];
const PUBLIC_ARTIST_KEYS = ['id', 'model_type', 'name'];
const unique = () => randomUUID().slice(0, 8);

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await t.server.rows<T>(query);
  return row!;
}

async function newArtist(name = `Discovery Artist ${unique()}`): Promise<number> {
  return (await one<{ id: number }>(sql`insert into artists (name) values (${name}) returning id`)).id;
}

async function newGenre(): Promise<number> {
  const name = `disc-${unique()}`;
  return (await one<{ id: number }>(sql`insert into genres (name, display_name) values (${name}, ${name}) returning id`)).id;
}

async function newTag(): Promise<number> {
  return (await one<{ id: number }>(sql`insert into tags (name) values (${`disc-tag-${unique()}`}) returning id`)).id;
}

interface TrackSpec {
  artist: number;
  bpm?: number;
  key?: string;
  scale?: string;
  genre?: number;
  tag?: number;
}

async function newTrack({ artist, bpm = 120, key = 'A', scale = 'major', genre, tag }: TrackSpec): Promise<number> {
  const { id } = await one<{ id: number }>(sql`insert into tracks (name, duration_ms, bpm, key, scale, licensing_type)
    values (${`Discovery Track ${unique()}`}, 180000, ${bpm}, ${key}, ${scale}, 'non_exclusive_only') returning id`);
  await t.server.rows(sql`insert into track_artists (track_id, artist_id) values (${id}, ${artist})`);
  if (genre !== undefined) await t.server.rows(sql`insert into track_genres (track_id, genre_id) values (${id}, ${genre})`);
  if (tag !== undefined) await t.server.rows(sql`insert into track_tags (track_id, tag_id) values (${id}, ${tag})`);
  return id;
}

async function newUser(): Promise<number> {
  const name = `disc${unique()}`;
  return (await one<{ id: number }>(sql`insert into users (email, display_name, password_hash) values (${`${name}@example.test`}, ${name}, 'x') returning id`))
    .id;
}

/** Logs plays as the play routes do: a row each, and the track's counter. */
async function play(trackId: number, userId: number | null = null, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    await t.server.rows(sql`insert into plays (track_id, user_id, play_token) values (${trackId}, ${userId}, ${randomUUID()})`);
  }
  await t.server.rows(sql`update tracks set plays = plays + ${times} where id = ${trackId}`);
}

async function like(trackId: number, userId: number): Promise<void> {
  await t.server.rows(sql`insert into track_likes (track_id, user_id) values (${trackId}, ${userId})`);
  await t.server.rows(sql`update tracks set likes_count = likes_count + 1 where id = ${trackId}`);
}

describe('GET /api/v1/radio/{type}/{id}', () => {
  it('ranks by shared genres, tags, tempo and key, then listeners, and follows new listening', async () => {
    const genre = await newGenre();
    const tag = await newTag();
    const seedArtist = await newArtist();
    const other = await newArtist();
    // Seed: 95 BPM C# minor. Seeded tracks share neither the new genre nor the new tag, so
    // they score at most 3 (tempo 2 + key 1).
    const seed = await newTrack({ artist: seedArtist, bpm: 95, key: 'C#', scale: 'minor', genre, tag });
    const best = await newTrack({ artist: other, bpm: 96, key: 'C#', scale: 'minor', genre, tag }); // 3 + 2 + 2 + 1 = 8
    const sameStyle = await newTrack({ artist: other, bpm: 190, genre, tag }); // 3 + 2 = 5
    const sameListeners = await newTrack({ artist: other, bpm: 190 }); // 1 per shared listener
    for (let i = 0; i < 4; i++) {
      const listener = await newUser();
      await play(seed, listener);
      await play(sameListeners, listener);
    }

    const before = await t.as.listener.call('getRadioStation', { path: { type: 'track', id: seed } });
    expectStatus(before, 200);
    expect(before.body.type).toBe('track');
    expect(before.body.seed).toMatchObject({ id: seed, model_type: 'track', bpm: 95 });
    const ids = before.body.recommendations.map((track) => track.id);
    expect(ids.slice(0, 3)).toEqual([best, sameStyle, sameListeners]);
    expect(ids).not.toContain(seed);
    expect(ids.length).toBeLessThanOrEqual(50);

    // Two more listeners who like both make the shared audience outweigh the shared style.
    for (let i = 0; i < 2; i++) {
      const listener = await newUser();
      await like(seed, listener);
      await like(sameListeners, listener);
    }
    const after = await t.as.listener.call('getRadioStation', { path: { type: 'track', id: seed } });
    expectStatus(after, 200);
    expect(after.body.recommendations.slice(0, 3).map((track) => track.id)).toEqual([best, sameListeners, sameStyle]);
  });

  it('seeds from an artist without their own tracks, and from a genre with its tracks', async () => {
    const genre = await newGenre();
    const tag = await newTag();
    const artist = await newArtist();
    const other = await newArtist();
    const own = await newTrack({ artist, bpm: 100, genre, tag });
    const alike = await newTrack({ artist: other, bpm: 101, genre, tag });

    const byArtist = await t.as.anonymous.call('getRadioStation', { path: { type: 'artist', id: artist } });
    expectStatus(byArtist, 200);
    expect(Object.keys(byArtist.body.seed).sort()).toEqual(PUBLIC_ARTIST_KEYS);
    const artistIds = byArtist.body.recommendations.map((track) => track.id);
    expect(artistIds[0]).toBe(alike);
    expect(artistIds).not.toContain(own);
    for (const track of byArtist.body.recommendations) expect(Object.keys(track).sort()).toEqual(PUBLIC_TRACK_KEYS);

    const byGenre = await t.as.listener.call('getRadioStation', { path: { type: 'genre', id: genre } });
    expectStatus(byGenre, 200);
    expect(byGenre.body.seed).toMatchObject({ id: genre, model_type: 'genre' });
    // Both carry the genre (3 each); the more played one comes first.
    await play(alike, null, 2);
    const again = await t.as.listener.call('getRadioStation', { path: { type: 'genre', id: genre } });
    expectStatus(again, 200);
    expect(again.body.recommendations.slice(0, 2).map((track) => track.id)).toEqual([alike, own]);
    expect(again.body.recommendations[0]).toHaveProperty('plays');
  });

  it('answers 404 for an unknown seed and 422 for an unsupported type or a bad id', async () => {
    for (const type of ['artist', 'track', 'genre'] as const) {
      const reply = await t.as.anonymous.call('getRadioStation', { path: { type, id: 2147483647 } });
      expectStatus(reply, 404);
      expect(reply.body.message).toBe('Station not found.');
    }
    expectStatus(await t.as.anonymous.call('getRadioStation', { path: { type: 'tag' as 'genre', id: 1 } }), 422);
    expectStatus(await t.as.anonymous.call('getRadioStation', { path: { type: 'artist', id: 0 } }), 422);
  });
});

describe('channels', () => {
  it('lists the channels and pages each one', async () => {
    const list = await t.as.anonymous.call('listChannels', {});
    expectStatus(list, 200);
    const slugs = list.body.channels.map((c) => c.slug);
    expect(slugs).toEqual(['new-releases', 'trending', 'popular-tracks', 'popular-albums', 'top-producers', 'genres']);
    for (const slug of slugs) {
      for (const caller of [t.as.anonymous, t.as.listener]) {
        const reply = await caller.call('getChannel', { path: { channel: slug }, query: { per_page: 5 } });
        expectStatus(reply, 200);
        expect(reply.body.channel.slug).toBe(slug);
        expect(reply.body.channel.content.per_page).toBe(5);
        expect(reply.body.channel.content.data.length).toBeLessThanOrEqual(5);
      }
    }
  });

  it('ranks trending tracks by plays in the last 7 days', async () => {
    const { n } = await one<{ n: number }>(sql`select coalesce(max(c), 0)::int as n from
      (select count(*) as c from plays where created_at >= now() - interval '7 days' group by track_id) p`);
    const track = await newTrack({ artist: await newArtist() });
    await play(track, null, n + 1);
    const reply = await t.as.anonymous.call('getChannel', { path: { channel: 'trending' } });
    expectStatus(reply, 200);
    expect(reply.body.channel.content.data[0]).toEqual(expect.objectContaining({ id: track, model_type: 'track' }));
    expect(Object.keys(reply.body.channel.content.data[0]!).sort()).toEqual(PUBLIC_TRACK_KEYS);
    const { total } = await one<{ total: number }>(sql`select count(distinct track_id)::int as total from plays where created_at >= now() - interval '7 days'`);
    expect(reply.body.channel.content.total).toBe(total);
  });

  it('orders the genres channel by track count, as the data says', async () => {
    const expected = await t.server.rows<{ id: number }>(sql`select g.id from genres g
      left join (select genre_id, count(*) as n from track_genres group by genre_id) c on c.genre_id = g.id
      order by coalesce(c.n, 0) desc, g.name, g.id limit 15`);
    const reply = await t.as.anonymous.call('getChannel', { path: { channel: 'genres' } });
    expectStatus(reply, 200);
    expect(reply.body.channel.content.data.map((g) => g.id)).toEqual(expected.map((r) => r.id));
  });

  it('answers 404 for an unknown channel and 422 for an overlong slug', async () => {
    const reply = await t.as.anonymous.call('getChannel', { path: { channel: 'no-such-channel' } });
    expectStatus(reply, 404);
    expect(reply.body.message).toBe('Channel not found.');
    expectStatus(await t.as.anonymous.call('getChannel', { path: { channel: 'x'.repeat(51) } }), 422);
  });
});

describe('carousels, landing artists and highlights', () => {
  it('puts the track liked most in the last 30 days first', async () => {
    const { n } = await one<{ n: number }>(sql`select coalesce(max(c), 0)::int as n from
      (select count(*) as c from track_likes where created_at >= now() - interval '30 days' group by track_id) l`);
    const track = await newTrack({ artist: await newArtist() });
    for (let i = 0; i <= n; i++) await like(track, await newUser());
    const reply = await t.as.listener.call('listCarouselTracks', {});
    expectStatus(reply, 200);
    expect(reply.body.tracks[0]).toMatchObject({ id: track, likes_count: n + 1 });
    expect(reply.body.tracks.length).toBeLessThanOrEqual(12);
  });

  it('puts the producer and album played most in the last 30 days first, and highlights them', async () => {
    const { n } = await one<{ n: number }>(sql`select coalesce(max(c), 0)::int as n from
      (select count(*) as c from plays p join track_artists ta on ta.track_id = p.track_id
       where p.created_at >= now() - interval '30 days' group by ta.artist_id) p`);
    const artist = await newArtist();
    const track = await newTrack({ artist });
    const { id: album } = await one<{ id: number }>(sql`insert into albums (name) values (${`Discovery Album ${unique()}`}) returning id`);
    await t.server.rows(sql`update tracks set album_id = ${album} where id = ${track}`);
    await play(track, null, n + 1);

    const producers = await t.as.anonymous.call('listCarouselProducers', {});
    expectStatus(producers, 200);
    expect(producers.body.artists[0]).toEqual({ id: artist, name: expect.any(String), model_type: 'artist' });

    const albums = await t.as.listener.call('listCarouselAlbums', {});
    expectStatus(albums, 200);
    expect(albums.body.albums[0]).toMatchObject({ id: album, model_type: 'album' });

    const highlights = await t.as.listener.call('listProducerHighlights', {});
    expectStatus(highlights, 200);
    const week = highlights.body.highlights.find((h) => h.category === 'most_played_week');
    expect(week).toMatchObject({ value: n + 1, period_days: 7, artist: { id: artist, followers_count: 0 } });
    const monthReleases = highlights.body.highlights.find((h) => h.category === 'most_releases_month');
    if (monthReleases) expect(monthReleases.value).toBeGreaterThanOrEqual(1);
  });

  it('orders landing artists by followers, then plays', async () => {
    const reply = await t.as.listener.call('listLandingArtists', {});
    expectStatus(reply, 200);
    const followers = reply.body.artists.map((a) => ('followers_count' in a ? a.followers_count : -1));
    expect(followers).toEqual([...followers].sort((a, b) => b - a));
    const anonymous = await t.as.anonymous.call('listLandingArtists', {});
    expectStatus(anonymous, 200);
    expect(anonymous.body.artists.map((a) => a.id)).toEqual(reply.body.artists.map((a) => a.id));
    for (const artist of anonymous.body.artists) expect(Object.keys(artist).sort()).toEqual(PUBLIC_ARTIST_KEYS);
  });
});

describe('undeclared query parameters', () => {
  // None of these routes takes a query parameter; an unknown one is refused, not ignored.
  const operations = [
    'listChannels',
    'listCarouselAlbums',
    'listCarouselTracks',
    'listCarouselProducers',
    'listLandingArtists',
    'listProducerHighlights',
  ] as const;
  for (const operationId of operations) {
    it(`${operationId} answers 422 for an undeclared query parameter`, async () => {
      const reply = await t.as.anonymous.call(operationId, { query: { limit: 5 } as never });
      expectStatus(reply, 422);
    });
  }
});
