// Demo social graph: a community of listeners around the demo users, so that search, radio,
// follower lists, libraries, reposts and collections have something real to show. Made from
// the users, artists, tracks and albums already inserted (so it never changes the rows above),
// and kept away from the demo producer's own tracks: their plays, likes and reposts are the
// analytics demo's (seed.ts), which this must not change. Fixed dates; counts shown on tracks
// grow by exactly the likes and reposts inserted here.
import { eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/connection.js';
import {
  albumLikes,
  albumReposts,
  albums,
  artistFollowers,
  artistLikes,
  artists,
  collections,
  collectionTracks,
  plays,
  trackArtists,
  trackGenres,
  trackLikes,
  trackReposts,
  tracks,
  userFollows,
  users,
} from '../db/schema.js';
import { chunks, Rng } from './prng.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const SOCIAL_SEED = 0x50c1_a15e;
const DAY = 86_400_000;
const COMMUNITY_FROM = Date.UTC(2025, 6, 1); // 2025-07-01
const ACTIVITY_FROM = Date.UTC(2026, 5, 1); // 2026-06-01
const ACTIVITY_DAYS = 150;

/** Accounts of the demo community; they sign in with the demo password like the demo users. */
export const COMMUNITY_EMAIL_DOMAIN = 'community.beatpass.test';
const COMMUNITY: readonly [username: string, displayName: string][] = [
  ['nightowl', 'Night Owl'],
  ['lofilena', 'Lena Lofi'],
  ['drillsergeant', 'Drill Sergeant'],
  ['bassface', 'Bass Face'],
  ['amapiano_ade', 'Ade Amapiano'],
  ['rnbrosa', 'Rosa Keys'],
  ['boombapbill', 'Boom Bap Bill'],
  ['trapqueen', 'Trap Queen Tia'],
  ['vinyljunkie', 'Vinyl Junkie'],
  ['studiorat', 'Studio Rat'],
  ['kaycee', 'Kaycee Writes'],
  ['melodymarco', 'Marco Melody'],
  ['808mafia_fan', 'Eight-O-Eight'],
  ['hooksmith', 'Hook Smith'],
  ['versevera', 'Vera Verse'],
  ['afrojay', 'Jay Afro'],
  ['samplesam', 'Sample Sam'],
  ['cypherkid', 'Cypher Kid'],
  ['moodboard', 'Mood Board'],
  ['latenightlou', 'Late Night Lou'],
  ['dembowdiva', 'Dembow Diva'],
  ['gospelgrace', 'Grace Notes'],
  ['pluggnb_pat', 'Pat Plugg'],
  ['topline_tori', 'Tori Topline'],
];

const COLLECTIONS: readonly { owner: string; name: string; description: string | null; size: number; featured: boolean }[] = [
  { owner: 'listener', name: 'Late-night writing', description: 'Slow, moody beats for writing after midnight.', size: 8, featured: false },
  { owner: 'listener', name: 'Drill references', description: null, size: 6, featured: false },
  { owner: 'nightowl', name: 'After hours', description: 'Dark melodies and heavy 808s for the small hours.', size: 12, featured: true },
  { owner: 'lofilena', name: 'Study sessions', description: 'Lo-fi and jazzy loops that stay out of the way.', size: 15, featured: true },
  { owner: 'amapiano_ade', name: 'Weekend warm-up', description: 'Afrobeats, amapiano and dancehall to start the night.', size: 10, featured: true },
  { owner: 'boombapbill', name: 'Golden era', description: 'Dusty drums and chopped samples.', size: 9, featured: false },
  { owner: 'rnbrosa', name: 'Slow jams', description: 'R&B beats with room for a topline.', size: 7, featured: false },
  { owner: 'versevera', name: 'Cypher fuel', description: null, size: 5, featured: false },
];

interface CatalogTrack {
  id: number;
  genreId: number | null;
  albumId: number | null;
}

export async function insertSocialGraph(tx: Tx, passwordHash: string, producerEmail: string, listenerEmail: string): Promise<void> {
  const rng = new Rng(SOCIAL_SEED);
  const at = () => new Date(ACTIVITY_FROM + rng.int(0, ACTIVITY_DAYS * DAY - 1));

  const community = await tx
    .insert(users)
    .values(
      COMMUNITY.map(([username, displayName], i) => ({
        email: `${username}@${COMMUNITY_EMAIL_DOMAIN}`,
        username,
        displayName,
        avatar: `https://open.beatpass.ca/storage/avatars/${username}.jpg`,
        passwordHash,
        plan: rng.pick([null, null, 'classic', 'plus', 'pro']),
        createdAt: new Date(COMMUNITY_FROM + i * 7 * DAY + rng.int(0, DAY - 1)),
      })),
    )
    .returning({ id: users.id, username: users.username });
  const fans = community.map((u) => u.id);
  const idOfEmail = async (email: string) => (await tx.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
  const producer = await idOfEmail(producerEmail);
  const listener = await idOfEmail(listenerEmail);
  const byUsername = new Map<string, number>([['listener', listener], ...community.map((u) => [u.username!, u.id] as [string, number])]);

  const [producerArtist] = await tx.select({ id: artists.id }).from(artists).where(eq(artists.userId, producer));
  const artistPopularity = await tx
    .select({ id: artists.id, tracks: sql<number>`count(${trackArtists.trackId})::int` })
    .from(artists)
    .leftJoin(trackArtists, eq(trackArtists.artistId, artists.id))
    .groupBy(artists.id)
    .orderBy(artists.id);
  const otherArtists = artistPopularity.filter((a) => a.id !== producerArtist?.id);

  // Tracks the community may play, like and repost: everyone's but the demo producer's.
  const catalog: CatalogTrack[] = await tx
    .select({ id: tracks.id, genreId: sql<number | null>`min(${trackGenres.genreId})::int`, albumId: tracks.albumId })
    .from(tracks)
    .leftJoin(trackGenres, eq(trackGenres.trackId, tracks.id))
    .where(or(isNull(tracks.ownerId), ne(tracks.ownerId, producer)))
    .groupBy(tracks.id)
    .orderBy(tracks.id);
  const genreIds = [...new Set(catalog.map((t) => t.genreId).filter((g): g is number => g !== null))];
  const albumIds = (await tx.select({ id: albums.id }).from(albums).orderBy(albums.id)).map((a) => a.id);

  // Follows between users: most of the community follows the demo producer; the listener
  // follows a few of them and is followed back by some.
  const follows: (typeof userFollows.$inferInsert)[] = [];
  const follow = (followerId: number, followedId: number) => {
    if (followerId !== followedId && !follows.some((f) => f.followerId === followerId && f.followedId === followedId)) {
      follows.push({ followerId, followedId, createdAt: at() });
    }
  };
  for (const fan of fans) {
    if (rng.chance(0.7)) follow(fan, producer);
    if (rng.chance(0.3)) follow(fan, listener);
    for (const other of rng.sample(fans, rng.int(3, 8))) follow(fan, other);
  }
  for (const fan of rng.sample(fans, 6)) follow(listener, fan);
  for (const fan of rng.sample(fans, 2)) follow(producer, fan);
  await insertAll(tx, userFollows, follows);

  const artistFollows: (typeof artistFollowers.$inferInsert)[] = [];
  const likedArtists: (typeof artistLikes.$inferInsert)[] = [];
  const likedTracks: (typeof trackLikes.$inferInsert)[] = [];
  const likedAlbums: (typeof albumLikes.$inferInsert)[] = [];
  const repostedTracks: (typeof trackReposts.$inferInsert)[] = [];
  const repostedAlbums: (typeof albumReposts.$inferInsert)[] = [];
  const playRows: (typeof plays.$inferInsert)[] = [];
  const weights = otherArtists.map((a) => 1 + a.tracks);

  for (const fan of fans) {
    const followed = new Set<number>();
    if (producerArtist && rng.chance(0.6)) followed.add(producerArtist.id);
    for (let n = rng.int(2, 6); n > 0; n--) followed.add(rng.weighted(otherArtists, weights).id);
    for (const artistId of followed) artistFollows.push({ artistId, userId: fan, createdAt: at() });
    for (const artistId of rng.sample([...followed], rng.int(0, 3))) likedArtists.push({ artistId, userId: fan, createdAt: at() });

    // Taste: two genres; likes and plays mostly within them, which is what radio's listening
    // overlap reads.
    const favourite = new Set(rng.sample(genreIds, 2));
    const inTaste = catalog.filter((t) => t.genreId !== null && favourite.has(t.genreId));
    const liked = rng.sample(inTaste, rng.int(6, 16));
    for (const track of liked) likedTracks.push({ trackId: track.id, userId: fan, createdAt: at() });
    for (const track of rng.sample(liked, rng.int(0, 3))) repostedTracks.push({ trackId: track.id, userId: fan, createdAt: at() });
    const played = [...liked, ...rng.sample(inTaste, rng.int(4, 12))];
    played.forEach((track, n) => {
      const moment = at();
      playRows.push({
        trackId: track.id,
        userId: fan,
        playToken: `pt_community_${fan}_${n}`,
        position: 0,
        listenedMs: 30_000 + rng.int(0, 150_000),
        createdAt: moment,
        updatedAt: moment,
      });
    });
    const albumsOfTaste = [...new Set(liked.map((t) => t.albumId).filter((a): a is number => a !== null))];
    for (const albumId of rng.sample(albumsOfTaste.length > 0 ? albumsOfTaste : albumIds, rng.int(0, 2))) {
      likedAlbums.push({ albumId, userId: fan, createdAt: at() });
    }
    if (albumIds.length > 0 && rng.chance(0.25)) repostedAlbums.push({ albumId: rng.pick(albumIds), userId: fan, createdAt: at() });
  }
  // The listener's library beyond liked tracks (seed.ts): a few artists and albums, two reposts.
  for (const artist of rng.sample(otherArtists, 3)) likedArtists.push({ artistId: artist.id, userId: listener, createdAt: at() });
  for (const albumId of rng.sample(albumIds, 2)) likedAlbums.push({ albumId, userId: listener, createdAt: at() });
  const listenerLiked = new Set((await tx.select({ id: trackLikes.trackId }).from(trackLikes).where(eq(trackLikes.userId, listener))).map((r) => r.id));
  for (const track of rng.sample(
    catalog.filter((t) => !listenerLiked.has(t.id)),
    2,
  )) {
    repostedTracks.push({ trackId: track.id, userId: listener, createdAt: at() });
  }

  await insertAll(tx, artistFollowers, artistFollows);
  await insertAll(tx, artistLikes, likedArtists);
  await insertAll(tx, albumLikes, likedAlbums);
  await insertAll(tx, albumReposts, repostedAlbums);
  for (const batch of chunks(playRows)) await tx.insert(plays).values(batch);
  // The counts on tracks grow by exactly the rows inserted (the counting rule of schema.ts).
  for (const batch of chunks(likedTracks)) {
    const inserted = await tx.insert(trackLikes).values(batch).onConflictDoNothing().returning({ trackId: trackLikes.trackId });
    await bumpTrackCounts(
      tx,
      'likes_count',
      inserted.map((r) => r.trackId),
    );
  }
  for (const batch of chunks(repostedTracks)) {
    const inserted = await tx.insert(trackReposts).values(batch).onConflictDoNothing().returning({ trackId: trackReposts.trackId });
    await bumpTrackCounts(
      tx,
      'reposts_count',
      inserted.map((r) => r.trackId),
    );
  }

  // Collections of liked and played tracks; three picked as featured.
  for (const spec of COLLECTIONS) {
    const owner = byUsername.get(spec.owner)!;
    const [created] = await tx
      .insert(collections)
      .values({ userId: owner, name: spec.name, description: spec.description, featured: spec.featured, plays: rng.int(0, 400), createdAt: at() })
      .returning({ id: collections.id });
    const picked = rng.sample(catalog, spec.size);
    await insertAll(
      tx,
      collectionTracks,
      picked.map((track, position) => ({ collectionId: created!.id, trackId: track.id, position })),
    );
  }
}

/**
 * Inserts rows that may be none (a small catalog, as `seedDemoData(db, { tracks })` makes,
 * leaves some lists empty); a row that is already there is left as it is.
 */
async function insertAll<T extends PgTable>(tx: Tx, table: T, rows: PgInsertValue<T>[]): Promise<void> {
  for (const batch of chunks(rows)) await tx.insert(table).values(batch).onConflictDoNothing();
}

/** Adds one to a count column of each track, once per occurrence of its id. */
export async function bumpTrackCounts(tx: Tx, column: 'likes_count' | 'reposts_count', trackIds: number[]): Promise<void> {
  if (trackIds.length === 0) return;
  const ids = sql.join(
    trackIds.map((id) => sql`${id}`),
    sql`, `,
  );
  await tx.execute(sql`update tracks set ${sql.identifier(column)} = ${sql.identifier(column)} + c.n
    from (select id, count(*)::int as n from unnest(array[${ids}]::int[]) as id group by id) as c
    where tracks.id = c.id`);
}
