// Search quality and safety, on the real app with response validation on: typos, exact
// titles, partial words, name-over-description weighting, access tiers, loaders, hostile
// input; then suggestions, similar audio and user search. Every row a test relies on is
// inserted here with unusual names, so the demo data cannot change the outcome.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';

const t = useTestServer({ signIn: ['listener', 'producer'] });

const TRACK_PUBLIC_KEYS = ['created_at', 'duration_text', 'id', 'image', 'model_type', 'name'];
const ids = { tracks: {} as Record<string, number>, artists: {} as Record<string, number>, albums: {} as Record<string, number>, genre: 0, tag: 0 };

async function one<T = { id: number }>(statement: ReturnType<typeof sql>): Promise<T> {
  const [row] = await t.server.rows<T>(statement);
  return row!;
}

async function track(name: string, fields: { description?: string; bpm?: number; key?: string; scale?: string; albumId?: number; plays?: number } = {}) {
  const row = await one(sql`insert into tracks (name, description, duration_ms, bpm, key, scale, licensing_type, album_id, plays)
    values (${name}, ${fields.description ?? null}, 180000, ${fields.bpm ?? 120}, ${fields.key ?? 'C'}, ${fields.scale ?? 'minor'}, 'non_exclusive_only', ${fields.albumId ?? null}, ${fields.plays ?? 0})
    returning id`);
  ids.tracks[name] = row.id;
  return row.id;
}
async function artist(name: string, bio: string | null = null) {
  const row = await one(sql`insert into artists (name, bio) values (${name}, ${bio}) returning id`);
  ids.artists[name] = row.id;
  return row.id;
}
const credit = (trackId: number, artistId: number) =>
  t.server.rows(sql`insert into track_artists (track_id, artist_id, position) values (${trackId}, ${artistId}, 0)`);
const genre = (trackId: number, genreId: number) => t.server.rows(sql`insert into track_genres (track_id, genre_id) values (${trackId}, ${genreId})`);
const tag = (trackId: number, tagId: number) => t.server.rows(sql`insert into track_tags (track_id, tag_id) values (${trackId}, ${tagId})`);

beforeAll(async () => {
  const listener = await one(sql`select id from users where email = 'listener@beatpass.test'`);
  ids.genre = (await one(sql`insert into genres (name, display_name) values ('zqsearchgenre', 'Zq Search Genre') returning id`)).id;
  ids.tag = (await one(sql`insert into tags (name) values ('glimmerdusk-vibes') returning id`)).id;

  const zephyrine = await artist('Zephyrine Quillfeather', 'Producer from Lisbon.');
  const partner = await artist('Orinthal Brackwater');
  const stranger = await artist('Pelliquor Vantablast');
  await artist('Bio Only Person', 'Often compared to zephyrine quillfeather.');

  // An exact title, and longer titles that contain it.
  for (const name of ['Velvet Thunderclap Remix', 'Velvet Thunderclap', 'Thunderclap Velvet Dreams']) {
    const id = await track(name, { plays: name === 'Velvet Thunderclap' ? 0 : 5000 });
    await credit(id, zephyrine);
  }
  // Names weigh more than descriptions.
  await track('Unrelated Title Qx', { description: 'obsidianlantern mood piece', plays: 9000 });
  await track('Obsidianlantern', { plays: 0 });
  // Five tracks sharing a rare word, for the loader sizes.
  for (let i = 1; i <= 5; i++) await track(`Glimmerdusk Number ${i}`);

  // Similar audio: a seed, two close tracks, one too fast, one unrelated.
  const seed = await track('Seedtrack Aurora', { bpm: 140, key: 'F#', scale: 'minor' });
  const close = await track('Close Match Aurora', { bpm: 142, key: 'F#', scale: 'minor' });
  const looser = await track('Looser Match Aurora', { bpm: 150, key: 'A', scale: 'major' });
  const tooFast = await track('Too Fast Aurora', { bpm: 190, key: 'F#', scale: 'minor' });
  await track('No Genre Aurora', { bpm: 140, key: 'F#', scale: 'minor' });
  for (const id of [seed, close, looser, tooFast]) await genre(id, ids.genre);
  await tag(seed, ids.tag);
  await tag(close, ids.tag);
  await credit(seed, partner);
  await credit(close, stranger);
  await credit(looser, zephyrine);

  // Albums: two by Zephyrine, one by someone else sharing the genre.
  for (const [name, by] of [
    ['Quillfeather Sessions', zephyrine],
    ['Quillfeather Sessions Two', zephyrine],
    ['Brackwater Tapes', partner],
  ] as const) {
    const album = await one(sql`insert into albums (name, description) values (${name}, 'An album.') returning id`);
    ids.albums[name] = album.id;
    await t.server.rows(sql`insert into album_artists (album_id, artist_id, position) values (${album.id}, ${by}, 0)`);
  }
  await t.server.rows(sql`update tracks set album_id = ${ids.albums['Brackwater Tapes']!} where id = ${seed}`);
  await t.server.rows(sql`update tracks set album_id = ${ids.albums['Quillfeather Sessions']!} where id = ${close}`);

  // Playlists: only public ones are found.
  await t.server.rows(
    sql`insert into playlists (owner_id, name, public) values (${listener.id}, 'Zephyrine Public Mix', true), (${listener.id}, 'Zephyrine Secret Mix', false)`,
  );

  // Users: one to find, one disabled.
  await t.server.rows(
    sql`insert into users (email, username, display_name, password_hash) values ('marisol-search@beatpass.test', 'marisolquenby', 'Marisol Quenby', 'x')`,
  );
  await t.server.rows(
    sql`insert into users (email, username, display_name, password_hash, disabled_at) values ('gone-search@beatpass.test', 'marisolgone', 'Marisol Quenbygone', 'x', now())`,
  );
});

describe('GET /api/v1/search', () => {
  it('finds an artist by a misspelled name', async () => {
    const reply = await t.as.anonymous.call('search', { query: { query: 'Zephyrin Quilfeather' } });
    expectStatus(reply, 200);
    expect(reply.body.results.artists[0]).toEqual({ id: ids.artists['Zephyrine Quillfeather'], name: 'Zephyrine Quillfeather', model_type: 'artist' });
  });

  it('ranks the track with the exact title first, ahead of more played ones containing it', async () => {
    const reply = await t.as.anonymous.call('search', { query: { query: 'velvet thunderclap' } });
    expectStatus(reply, 200);
    const names = reply.body.results.tracks.map((x) => x.name);
    expect(names[0]).toBe('Velvet Thunderclap');
    expect(names).toEqual(expect.arrayContaining(['Velvet Thunderclap Remix', 'Thunderclap Velvet Dreams']));
  });

  it('finds tracks by the start of a word', async () => {
    const reply = await t.as.anonymous.call('search', { query: { query: 'thundercl' } });
    expectStatus(reply, 200);
    expect(reply.body.results.tracks.map((x) => x.name)).toEqual(
      expect.arrayContaining(['Velvet Thunderclap', 'Velvet Thunderclap Remix', 'Thunderclap Velvet Dreams']),
    );
  });

  it('ranks a match in the name above a match in the description, and above a bio mention', async () => {
    const reply = await t.as.anonymous.call('search', { query: { query: 'obsidianlantern' } });
    expectStatus(reply, 200);
    expect(reply.body.results.tracks.map((x) => x.name).slice(0, 2)).toEqual(['Obsidianlantern', 'Unrelated Title Qx']);
    const artists = await t.as.anonymous.call('search', { query: { query: 'zephyrine quillfeather' } });
    expectStatus(artists, 200);
    expect(artists.body.results.artists.map((a) => a.name).slice(0, 2)).toEqual(['Zephyrine Quillfeather', 'Bio Only Person']);
  });

  it('gives anonymous callers the minimal forms and signed-in callers the rich ones', async () => {
    const anonymous = await t.as.anonymous.call('search', { query: { query: 'velvet thunderclap' } });
    expectStatus(anonymous, 200);
    for (const x of anonymous.body.results.tracks) expect(Object.keys(x).sort()).toEqual(TRACK_PUBLIC_KEYS);
    const artists = await t.as.anonymous.call('search', { query: { query: 'zephyrine' } });
    expectStatus(artists, 200);
    expect(Object.keys(artists.body.results.artists[0] ?? {}).sort()).toEqual(['id', 'model_type', 'name']);

    const signedIn = await t.as.listener.call('search', { query: { query: 'velvet thunderclap' } });
    expectStatus(signedIn, 200);
    const first = signedIn.body.results.tracks[0]!;
    expect(first).toMatchObject({ name: 'Velvet Thunderclap', bpm: 120, artists: [{ name: 'Zephyrine Quillfeather' }] });
    const richArtists = await t.as.listener.call('search', { query: { query: 'zephyrine' } });
    expectStatus(richArtists, 200);
    expect(richArtists.body.results.artists[0]).toMatchObject({ name: 'Zephyrine Quillfeather', followers_count: 0, is_following: false });
  });

  it('finds public playlists only, users that are not disabled, and tags', async () => {
    const reply = await t.as.producer.call('search', { query: { query: 'zephyrine mix' } });
    expectStatus(reply, 200);
    const playlists = reply.body.results.playlists.map((p) => p.name);
    expect(playlists).toContain('Zephyrine Public Mix');
    expect(playlists).not.toContain('Zephyrine Secret Mix');
    const users = await t.as.anonymous.call('search', { query: { query: 'marisol quenby' } });
    expectStatus(users, 200);
    expect(users.body.results.users.map((u) => u.username)).toEqual(['marisolquenby']);
    const tags = await t.as.anonymous.call('search', { query: { query: 'glimmerdusk' } });
    expectStatus(tags, 200);
    expect(tags.body.results.tags).toEqual([{ id: ids.tag, name: 'glimmerdusk-vibes' }]);
  });

  it('returns up to 20 per type for searchPage and 3 for any other loader, echoing the loader', async () => {
    const page = await t.as.anonymous.call('search', { query: { query: 'glimmerdusk' } });
    expectStatus(page, 200);
    expect(page.body.loader).toBe('searchPage');
    expect(page.body.results.tracks).toHaveLength(5);
    const autocomplete = await t.as.anonymous.call('search', { query: { query: 'glimmerdusk', loader: 'search' } });
    expectStatus(autocomplete, 200);
    expect(autocomplete.body.loader).toBe('search');
    expect(autocomplete.body.results.tracks).toHaveLength(3);
    // `types` and `limit` are documented by older sources and ignored.
    const ignored = await t.as.anonymous.call('search', { query: { query: 'glimmerdusk', types: 'artist', limit: 1 } });
    expectStatus(ignored, 200);
    expect(ignored.body.results.tracks).toHaveLength(5);
  });

  it('answers an empty or missing query with every list empty', async () => {
    for (const query of [{}, { query: '' }, { query: '   ' }]) {
      const reply = await t.as.anonymous.call('search', { query });
      expectStatus(reply, 200);
      expect(reply.body.results).toEqual({ artists: [], albums: [], tracks: [], playlists: [], users: [], tags: [] });
    }
  });

  it('answers hostile queries with 200, never a 500', async () => {
    const hostile = [
      'a & | ! (',
      '!!!',
      "'; drop table tracks; --",
      '"velvet',
      'velvet\\',
      '\\\\',
      '%',
      '_',
      '%_%',
      'thunder:*',
      '(velvet | thunderclap) & !remix',
      "' or 1=1 --",
      '🎵🔥 velvet 🎹',
      '\u0000',
      'ab'.repeat(127),
      'a b c d e f g h i j k l m n o p',
    ];
    for (const query of hostile) {
      const reply = await t.as.anonymous.call('search', { query: { query } });
      expect([200, 422], `query ${JSON.stringify(query)}`).toContain(reply.status);
      if (query === '\u0000') continue;
      expectStatus(reply, 200);
      expect(Object.keys(reply.body.results).sort()).toEqual(['albums', 'artists', 'playlists', 'tags', 'tracks', 'users']);
    }
    const symbols = await t.as.anonymous.call('search', { query: { query: 'a & | ! (' } });
    expectStatus(symbols, 200);
    const quoted = await t.as.anonymous.call('search', { query: { query: '"velvet thunderclap"' } });
    expectStatus(quoted, 200);
    expect(quoted.body.results.tracks[0]?.name).toBe('Velvet Thunderclap');
    expect((await t.server.rows<{ n: number }>(sql`select count(*)::int as n from tracks`))[0]!.n).toBeGreaterThan(0);
  });

  it('refuses an overlong query and an invalid loader with 422', async () => {
    for (const query of ['x'.repeat(256), 'y'.repeat(10_000)]) {
      const reply = await t.as.anonymous.call('search', { query: { query } });
      expectStatus(reply, 422);
      expect(reply.body.errors).toHaveProperty('query');
    }
    const loader = await t.as.anonymous.call('search', { query: { query: 'velvet', loader: 'drop table;' } });
    expectStatus(loader, 422);
  });

  it('answers 401 to an invalid token on every search route, though they work anonymously', async () => {
    const headers = { authorization: 'Bearer not-a-token' };
    const a = t.as.anonymous;
    expectStatus(await a.call('search', { query: { query: 'velvet' }, headers }), 401);
    expectStatus(await a.call('suggestArtists', { query: { query: 'zeph' }, headers }), 401);
    expectStatus(await a.call('suggestAlbums', { query: { query: 'quill' }, headers }), 401);
    expectStatus(await a.call('suggestRelatedArtists', { path: { artist_id: ids.artists['Zephyrine Quillfeather']! }, headers }), 401);
    expectStatus(await a.call('suggestRelatedAlbums', { path: { album_id: ids.albums['Brackwater Tapes']! }, headers }), 401);
    expectStatus(await a.call('searchSimilarAudio', { path: { track_id: ids.tracks['Seedtrack Aurora']!, artist_name: 'a', track_name: 'b' }, headers }), 401);
  });
});

describe('suggestions', () => {
  it('completes artist and album names as they are typed', async () => {
    const artists = await t.as.anonymous.call('suggestArtists', { query: { query: 'zephy' } });
    expectStatus(artists, 200);
    expect(artists.body).toEqual({
      query: 'zephy',
      suggestions: [{ id: ids.artists['Zephyrine Quillfeather'], name: 'Zephyrine Quillfeather', model_type: 'artist' }],
    });
    const albums = await t.as.listener.call('suggestAlbums', { query: { query: 'quillfeather sess', limit: 1 } });
    expectStatus(albums, 200);
    expect(albums.body.suggestions.map((a) => a.name)).toEqual(['Quillfeather Sessions']);
    const none = await t.as.anonymous.call('suggestArtists', { query: { query: '&&' } });
    expectStatus(none, 200);
    expect(none.body.suggestions).toEqual([]);
  });

  it('refuses a missing query and a limit out of range with 422', async () => {
    expectStatus(await t.as.anonymous.callUnchecked('suggestArtists', {}), 422);
    expectStatus(await t.as.anonymous.call('suggestAlbums', { query: { query: 'a', limit: 21 } }), 422);
    expectStatus(await t.as.anonymous.call('suggestRelatedArtists', { path: { artist_id: 1 }, query: { limit: 0 } }), 422);
    expectStatus(await t.as.anonymous.call('suggestRelatedAlbums', { path: { album_id: 1 }, query: { limit: 0 } }), 422);
  });

  it('suggests related artists: co-credited first, then shared genres and tags', async () => {
    const reply = await t.as.anonymous.call('suggestRelatedArtists', { path: { artist_id: ids.artists['Orinthal Brackwater']! } });
    expectStatus(reply, 200);
    expect(reply.body.artist.name).toBe('Orinthal Brackwater');
    const names = reply.body.suggestions.map((a) => a.name);
    // Brackwater shares a genre with both, and a tag only with Vantablast's track.
    expect(names.slice(0, 2)).toEqual(['Pelliquor Vantablast', 'Zephyrine Quillfeather']);
    expect(names).not.toContain('Orinthal Brackwater');
    expectStatus(await t.as.anonymous.call('suggestRelatedArtists', { path: { artist_id: 2147483647 } }), 404);
  });

  it('suggests related albums: same artists first, then shared genres', async () => {
    const reply = await t.as.anonymous.call('suggestRelatedAlbums', { path: { album_id: ids.albums['Quillfeather Sessions']! } });
    expectStatus(reply, 200);
    expect(reply.body.suggestions.map((a) => a.name).slice(0, 2)).toEqual(['Quillfeather Sessions Two', 'Brackwater Tapes']);
    expectStatus(await t.as.anonymous.call('suggestRelatedAlbums', { path: { album_id: 2147483647 } }), 404);
  });
});

describe('GET /api/v1/search/audio/{track_id}/{artist_name}/{track_name}', () => {
  it('ranks tracks sharing genres and tags, close in tempo and key, and leaves out the rest', async () => {
    const path = { track_id: ids.tracks['Seedtrack Aurora']!, artist_name: 'any-artist', track_name: 'renamed-since' };
    const reply = await t.as.anonymous.call('searchSimilarAudio', { path });
    expectStatus(reply, 200);
    expect(reply.body.track.name).toBe('Seedtrack Aurora');
    expect(reply.body.tracks.map((x) => x.name)).toEqual(['Close Match Aurora', 'Looser Match Aurora']);
    for (const x of reply.body.tracks) expect(Object.keys(x).sort()).toEqual(TRACK_PUBLIC_KEYS);
    const rich = await t.as.listener.call('searchSimilarAudio', { path });
    expectStatus(rich, 200);
    expect(rich.body.tracks[0]).toMatchObject({ bpm: 142, key: 'F#' });
  });

  it('answers 404 for an unknown track and 422 for an overlong slug', async () => {
    expectStatus(await t.as.anonymous.call('searchSimilarAudio', { path: { track_id: 2147483647, artist_name: 'a', track_name: 'b' } }), 404);
    expectStatus(await t.as.anonymous.call('searchSimilarAudio', { path: { track_id: 1, artist_name: 'a'.repeat(256), track_name: 'b' } }), 422);
  });
});

describe('GET /api/v1/users/search', () => {
  it('finds users by a misspelled name, never disabled accounts', async () => {
    const reply = await t.as.listener.call('searchUsers', { query: { query: 'marisol quenbi' } });
    expectStatus(reply, 200);
    expect(reply.body.users.map((u) => u.username)).toEqual(['marisolquenby']);
    expect(reply.body.users[0]).not.toHaveProperty('email');
  });

  it('requires a session or token', async () => {
    expectStatus(await t.as.anonymous.call('searchUsers', { query: { query: 'marisol' } }), 401);
  });

  it('refuses a query outside 2 to 100 characters and a limit outside 1 to 50', async () => {
    for (const query of [{ query: 'm' }, { query: 'm'.repeat(101) }, { query: 'marisol', limit: 0 }, { query: 'marisol', limit: 51 }]) {
      expectStatus(await t.as.listener.call('searchUsers', { query }), 422);
    }
  });
});
