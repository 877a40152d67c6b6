// Demo data for the sandbox: five demo logins and a believable beat catalog (genres, tags,
// artists, tracks and their links). Everything except the password hash salt is
// deterministic: a fixed-seed PRNG and fixed dates, so two fresh databases get the same
// catalog in the same order (ids included, as serials start from 1).
import { createHash } from 'node:crypto';
import { hashPassword } from '../domains/auth/passwords.js';
import type { Db } from '../db/connection.js';
import { chunks, Rng } from './prng.js';
import { insertCommerce } from './commerce.js';
import { bumpTrackCounts, insertSocialGraph } from './social.js';
import { sql } from 'drizzle-orm';
import { albumArtists, albums } from '../db/schema.js';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { CreditRole } from '../domains/credits/roles.js';
import { artistCredits } from '../db/schema.js';
import { plays, trackDownloads, trackReposts } from '../db/schema.js';
import { trackComments } from '../db/schema.js';
import { lyrics, playlistEditors, playlistFollowers, playlistInvites, playlists, playlistTracks } from '../db/schema.js';
import { artistFollowers, artists, genres, tags, trackArtists, trackGenres, trackLikes, tracks, trackTags, users } from '../db/schema.js';

/** The password of every demo user. */
export const DEMO_PASSWORD = 'beatpass-demo';

/** Base32 TOTP secret of `twofactor@beatpass.test` (SHA-1, 6 digits, 30 s — authenticator defaults). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

/**
 * Plaintext recovery codes of `twofactor@beatpass.test`. The database stores
 * `sha256(code)` as lowercase hex of the exact string shown here.
 */
export const DEMO_RECOVERY_CODES: readonly string[] = Object.freeze([
  'k7m2q-9xtwp',
  'a4d8r-n3vzc',
  'p6h1s-f5bjy',
  'w2e9u-t7gkm',
  'c3x5l-q8rdn',
  'y1v6b-m4hzs',
  'g9t3j-e2wkf',
  'n5r7a-u6cpx',
]);

export type DemoRole = 'listener' | 'producer' | 'developer' | 'two-factor' | 'disabled';

export interface DemoUser {
  email: string;
  password: string;
  username: string;
  displayName: string;
  role: DemoRole;
  /** One line for the start-up banner. */
  description: string;
}

export const demoUsers: readonly DemoUser[] = Object.freeze([
  {
    email: 'listener@beatpass.test',
    password: DEMO_PASSWORD,
    username: 'listener',
    displayName: 'Demo Listener',
    role: 'listener',
    description: 'listener on the Plus plan (can download): follows some artists and has liked tracks',
  },
  {
    email: 'producer@beatpass.test',
    password: DEMO_PASSWORD,
    username: 'producer',
    displayName: 'Demo Producer',
    role: 'producer',
    description: 'producer: owns the artist profile "Demo Producer" and its tracks, with 90 days of plays and downloads for the analytics routes',
  },
  {
    email: 'developer@beatpass.test',
    password: DEMO_PASSWORD,
    username: 'developer',
    displayName: 'Demo Developer',
    role: 'developer',
    description: 'approved developer (developer_access = true): can create developer tokens',
  },
  {
    email: 'twofactor@beatpass.test',
    password: DEMO_PASSWORD,
    username: 'twofactor',
    displayName: 'Demo Two-Factor',
    role: 'two-factor',
    description: `two-factor on: TOTP secret ${DEMO_TOTP_SECRET}, recovery codes ${DEMO_RECOVERY_CODES.join(', ')}`,
  },
  {
    email: 'disabled@beatpass.test',
    password: DEMO_PASSWORD,
    username: 'disabled',
    displayName: 'Demo Disabled',
    role: 'disabled',
    description: 'disabled account (disabled_at set): sign-in is refused',
  },
]);

export const DEMO_PRODUCER_ARTIST_NAME = 'Demo Producer';
export const DEMO_PRODUCER_EMAIL = 'producer@beatpass.test';

const DEFAULT_TRACK_COUNT = 240;
const SEED = 0xbea7_9a55;
const TRACKS_FROM = Date.UTC(2025, 5, 1); // 2025-06-01
const TRACKS_TO = Date.UTC(2026, 10, 1); // 2026-11-01
const DAY = 86_400_000;

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// ---------------------------------------------------------------------------------------
// Catalog vocabulary

interface GenreDef {
  name: string;
  displayName: string;
  bpm: [number, number];
  weight: number;
}

const GENRES: readonly GenreDef[] = [
  { name: 'trap', displayName: 'Trap', bpm: [130, 160], weight: 14 },
  { name: 'hip-hop', displayName: 'Hip-Hop', bpm: [85, 100], weight: 9 },
  { name: 'lo-fi', displayName: 'Lo-Fi', bpm: [70, 90], weight: 8 },
  { name: 'drill', displayName: 'Drill', bpm: [138, 146], weight: 8 },
  { name: 'boom-bap', displayName: 'Boom Bap', bpm: [84, 96], weight: 6 },
  { name: 'r-and-b', displayName: 'R&B', bpm: [60, 100], weight: 7 },
  { name: 'afrobeats', displayName: 'Afrobeats', bpm: [98, 112], weight: 6 },
  { name: 'reggaeton', displayName: 'Reggaeton', bpm: [88, 100], weight: 5 },
  { name: 'pop', displayName: 'Pop', bpm: [95, 125], weight: 5 },
  { name: 'edm', displayName: 'EDM', bpm: [120, 130], weight: 3 },
  { name: 'house', displayName: 'House', bpm: [118, 128], weight: 3 },
  { name: 'dancehall', displayName: 'Dancehall', bpm: [90, 105], weight: 3 },
  { name: 'amapiano', displayName: 'Amapiano', bpm: [108, 115], weight: 3 },
  { name: 'soul', displayName: 'Soul', bpm: [70, 100], weight: 2 },
  { name: 'jazz', displayName: 'Jazz', bpm: [80, 120], weight: 2 },
  { name: 'rock', displayName: 'Rock', bpm: [100, 140], weight: 2 },
  { name: 'phonk', displayName: 'Phonk', bpm: [120, 145], weight: 4 },
  { name: 'jersey-club', displayName: 'Jersey Club', bpm: [135, 145], weight: 3 },
  { name: 'uk-garage', displayName: 'UK Garage', bpm: [128, 136], weight: 2 },
  { name: 'grime', displayName: 'Grime', bpm: [138, 142], weight: 2 },
  { name: 'cinematic', displayName: 'Cinematic', bpm: [60, 110], weight: 2 },
  { name: 'synthwave', displayName: 'Synthwave', bpm: [80, 118], weight: 2 },
  { name: 'gospel', displayName: 'Gospel', bpm: [65, 100], weight: 1 },
  { name: 'latin-trap', displayName: 'Latin Trap', bpm: [130, 150], weight: 3 },
  { name: 'plugg', displayName: 'Plugg', bpm: [140, 160], weight: 3 },
  { name: 'rage', displayName: 'Rage', bpm: [150, 170], weight: 3 },
];

const TAGS: readonly string[] = [
  'dark',
  'melodic',
  '808',
  'hard',
  'chill',
  'emotional',
  'guitar',
  'piano',
  'sample',
  'bouncy',
  'aggressive',
  'ambient',
  'vocal-chop',
  'atmospheric',
  'summer',
  'sad',
  'uplifting',
  'flute',
  'strings',
  'bass-heavy',
  'vintage',
  'smooth',
  'energetic',
  'west-coast',
  'east-coast',
  'uk',
  'night',
  'club',
  'retro',
  'haunting',
  'synth',
  'bells',
];

const ARTIST_NAMES: readonly string[] = [
  'Metro Vance',
  'Kairo Beats',
  'Nova Keys',
  'Lil Prism',
  'Saint Delano',
  'Jay Ocampo',
  'Mako Reyes',
  'Yung Tidal',
  'Oxford Slim',
  'Brixton Rae',
  'DJ Kolade',
  'Tomi Ade',
  'Sauce Marquez',
  'Cedric Blaze',
  'Nightfall Nate',
  'Lumi Waves',
  'Hollow Tapes',
  'Ghostwire',
  'Kenji Mori',
  'Rico Valente',
  'Amara Sol',
  'Dre Lockwood',
  'Six Tone',
  'Northbound Jules',
  'Felix Arden',
  'Zaya Knox',
  'Pablo Cruz',
  'Marlow Grey',
  'Young Kasper',
  'Ivy Monroe',
  'Bishop Heat',
  'Obi Nwosu',
  'Luca Ferri',
  'Cassius Wolfe',
  'Hazel Ray',
  'Tay Banks',
  'Elijah Stone',
  'Mila Santos',
  'Quincy Vale',
  'Rome Sterling',
  'Sosa Beats',
  'Vinny Cartel',
  'Echo Park Kid',
  'Dani Rivera',
  'K-Swift',
];

const BIOS: readonly string[] = [
  'Producer and engineer cooking up dark, cinematic trap out of a bedroom studio.',
  'Self-taught beatmaker blending dusty soul samples with modern drums.',
  'Multi-platinum collaborator focused on melodic hip-hop and R&B.',
  'Drill and grime producer. Sliding 808s, always on grid.',
  'Lo-fi loops for late nights, study sessions and long drives.',
  'Afrobeats and amapiano grooves with live percussion.',
  'Film-score fan making moody, atmospheric instrumentals.',
  'Club records, jersey bounce and anything that moves a room.',
];

const TITLE_ADJECTIVES: readonly string[] = [
  'Midnight',
  'Golden',
  'Velvet',
  'Cold',
  'Neon',
  'Silent',
  'Broken',
  'Lucid',
  'Crimson',
  'Faded',
  'Electric',
  'Hollow',
  'Savage',
  'Frozen',
  'Lonely',
  'Wicked',
  'Paper',
  'Glass',
  'Smoky',
  'Violet',
  'Shadow',
  'Sunset',
  'Heavy',
  'Lost',
  'Wild',
  'Distant',
  'Burning',
  'Sapphire',
  'Quiet',
  'Rapid',
  'Toxic',
  'Cloudy',
  'Eastside',
  'Westside',
  'Marble',
  'Rusty',
];

const TITLE_NOUNS: readonly string[] = [
  'Dreams',
  'Drift',
  'Waves',
  'Heart',
  'Rain',
  'City',
  'Ghost',
  'Ritual',
  'Skyline',
  'Empire',
  'Motion',
  'Fever',
  'Garden',
  'Highway',
  'Lights',
  'Mirage',
  'Orbit',
  'Paradise',
  'Pulse',
  'Riot',
  'Shore',
  'Static',
  'Summer',
  'Temple',
  'Thunder',
  'Tides',
  'Vibes',
  'Voyage',
  'Wolves',
  'Youth',
  'Angels',
  'Bloom',
  'Cartel',
  'Diamonds',
  'Echoes',
  'Flames',
  'Gravity',
  'Halo',
  'Karma',
  'Lagoon',
];

const TITLE_SUFFIXES: readonly string[] = ['II', 'III', 'Remix', 'Reprise', 'Pt. 2', 'VIP', 'Redux', 'Freestyle'];

const DESCRIPTION_TAILS: readonly string[] = [
  'Hard-hitting 808s and crisp hi-hats.',
  'Built around a chopped soul sample.',
  'Warm Rhodes chords with a swung groove.',
  'Haunting bells over sliding bass.',
  'Perfect for melodic hooks and storytelling verses.',
  'Guitar loop recorded live, fully cleared.',
  'Punchy drums mixed for streaming loudness.',
  'Airy pads and vocal chops for a late-night mood.',
  'Bouncy percussion made for the club.',
  'Cinematic strings with a slow build.',
  'Minimal arrangement that leaves room for vocals.',
];

const EXCLUSIVE_TAIL = 'Tracked-out stems included with the exclusive license.';

const KEYS: readonly string[] = ['C', 'C#', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
const CURRENCIES: readonly string[] = ['USD', 'EUR', 'GBP', 'CAD'];
const CURRENCY_WEIGHTS: readonly number[] = [70, 10, 8, 12];
const PRICES_MINOR: readonly number[] = [1999, 2499, 2999, 3499, 3999, 4999];
const EXCLUSIVE_PRICES_MINOR: readonly number[] = [14900, 24900, 29900, 49900, 74900, 99900, 149900, 250000];

// ---------------------------------------------------------------------------------------

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type NewTrack = typeof tracks.$inferInsert;

interface PlannedTrack {
  row: NewTrack;
  artistIdx: number[];
  genreIdx: number[];
  tagIdx: number[];
}

/**
 * Inserts the demo users and catalog unless the database already has users.
 * Runs in one transaction; returns whether anything was inserted.
 */
export async function seedDemoData(db: Db, options: { tracks?: number } = {}): Promise<{ seeded: boolean }> {
  const existing = await db.select({ id: users.id }).from(users).limit(1);
  if (existing.length > 0) return { seeded: false };

  const trackCount = Math.max(0, Math.floor(options.tracks ?? DEFAULT_TRACK_COUNT));
  // Hash once (scrypt is slow on purpose) and share it between the demo users.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction(async (tx) => {
    // Another process may have seeded between the check above and this transaction.
    const again = await tx.select({ id: users.id }).from(users).limit(1);
    if (again.length > 0) return { seeded: false };
    await insertCatalog(tx, passwordHash, trackCount);
    await insertAlbumsAndPins(tx);
    await insertPlaylistsAndLyrics(tx);
    await insertPortfolioCredits(tx);
    await insertAnalytics(tx);
    await insertTrackComments(tx);
    await insertCommerce(tx, DEMO_PRODUCER_ARTIST_NAME, DEMO_PRODUCER_EMAIL, 'listener@beatpass.test');
    await insertSocialGraph(tx, passwordHash, DEMO_PRODUCER_EMAIL, 'listener@beatpass.test');
    return { seeded: true };
  });
}

async function insertCatalog(tx: Tx, passwordHash: string, trackCount: number): Promise<void> {
  const rng = new Rng(SEED);

  // Users ------------------------------------------------------------------------------
  const userBase = Date.UTC(2025, 4, 1, 12); // 2025-05-01T12:00Z
  const userRows = demoUsers.map((u, i) => ({
    email: u.email,
    username: u.username,
    displayName: u.displayName,
    avatar: `https://open.beatpass.ca/storage/avatars/${u.username}.jpg`,
    passwordHash,
    twoFactorSecret: u.role === 'two-factor' ? DEMO_TOTP_SECRET : null,
    twoFactorRecoveryCodes: u.role === 'two-factor' ? DEMO_RECOVERY_CODES.map(sha256Hex) : [],
    developerAccess: u.role === 'developer',
    plan: u.role === 'listener' ? 'plus' : null,
    disabledAt: u.role === 'disabled' ? new Date(Date.UTC(2026, 0, 15, 9, 30)) : null,
    createdAt: new Date(userBase + i * DAY),
  }));
  const insertedUsers = await tx.insert(users).values(userRows).returning({ id: users.id, email: users.email });
  const userIdByRole = new Map<DemoRole, number>();
  for (const u of demoUsers) {
    const row = insertedUsers.find((r) => r.email === u.email);
    if (!row) throw new Error(`demo user ${u.email} was not inserted`);
    userIdByRole.set(u.role, row.id);
  }
  const producerUserId = userIdByRole.get('producer')!;
  const listenerUserId = userIdByRole.get('listener')!;

  // Genres and tags --------------------------------------------------------------------
  const genreRows = await tx
    .insert(genres)
    .values(GENRES.map((g) => ({ name: g.name, displayName: g.displayName })))
    .returning({ id: genres.id, name: genres.name });
  const genreIds = GENRES.map((g) => idByName(genreRows, g.name));

  const tagRows = await tx
    .insert(tags)
    .values(TAGS.map((name) => ({ name })))
    .returning({ id: tags.id, name: tags.name });
  const tagIds = TAGS.map((t) => idByName(tagRows, t));

  // Artists ----------------------------------------------------------------------------
  // Index 0 is the demo producer's own profile.
  const artistNames = [DEMO_PRODUCER_ARTIST_NAME, ...ARTIST_NAMES];
  const artistBase = Date.UTC(2025, 0, 10);
  const artistRows = artistNames.map((name, i) => {
    const slug = slugify(name);
    const isProducer = i === 0;
    return {
      name,
      userId: isProducer ? producerUserId : null,
      imageSmall: `https://open.beatpass.ca/storage/artists/${slug}.jpg`,
      verified: isProducer || rng.chance(0.35),
      bio: isProducer
        ? 'The BeatPass sandbox demo producer. Sign in as producer@beatpass.test to manage these beats.'
        : rng.chance(0.6)
          ? rng.pick(BIOS)
          : null,
      website: isProducer ? 'https://example.com/demo-producer' : rng.chance(0.4) ? `https://${slug.replace(/-/g, '')}.example.com` : null,
      createdAt: new Date(artistBase + rng.int(0, 130) * DAY + rng.int(0, DAY - 1)),
    };
  });
  const insertedArtists = await tx.insert(artists).values(artistRows).returning({ id: artists.id, name: artists.name });
  const artistIds = artistNames.map((n) => idByName(insertedArtists, n));
  const artistUser = artistRows.map((a) => a.userId);
  // Popularity skew: lower indices (after the producer) get more tracks.
  const artistWeights = artistNames.map((_, i) => (i === 0 ? 0 : 1 / Math.sqrt(i)));

  // Tracks -----------------------------------------------------------------------------
  const usedNames = new Set<string>();
  const genreWeights = GENRES.map((g) => g.weight);
  const planned: PlannedTrack[] = [];
  for (let n = 0; n < trackCount; n++) {
    const name = uniqueTitle(rng, usedNames);
    const primaryGenre = rng.weighted(
      GENRES.map((_, i) => i),
      genreWeights,
    );
    const genreIdx = [primaryGenre];
    if (rng.chance(0.35)) {
      const second = rng.weighted(
        GENRES.map((_, i) => i),
        genreWeights,
      );
      if (second !== primaryGenre) genreIdx.push(second);
    }
    const g = GENRES[primaryGenre]!;
    const bpm = Math.min(200, Math.max(60, rng.int(g.bpm[0], g.bpm[1])));
    const key = rng.pick(KEYS);
    const scale = rng.chance(0.68) ? 'minor' : 'major';

    // Roughly one track in seven belongs to the demo producer.
    const primaryArtist =
      n % 7 === 3
        ? 0
        : rng.weighted(
            artistNames.map((_, i) => i),
            artistWeights,
          );
    const artistIdx = [primaryArtist];
    if (rng.chance(0.2)) {
      const feat = rng.int(1, artistNames.length - 1);
      if (feat !== primaryArtist) artistIdx.push(feat);
    }
    const ownerId = artistIdx.map((i) => artistUser[i]).find((u): u is number => u != null) ?? null;

    const tagIdx = rng.sample(
      TAGS.map((_, i) => i),
      rng.int(0, 3),
    );

    const licensingType = rng.weighted(['non_exclusive_only', 'both', 'exclusive_only'] as const, [45, 45, 10]);
    let exclusiveStatus: string | null = null;
    let exclusivePriceMinor: number | null = null;
    let exclusiveCurrency: string | null = null;
    const currency = rng.weighted(CURRENCIES, CURRENCY_WEIGHTS);
    if (licensingType !== 'non_exclusive_only') {
      exclusiveStatus = rng.weighted(['available', 'not_available', 'sold'] as const, [75, 12, 13]);
      if (exclusiveStatus === 'available') {
        exclusivePriceMinor = rng.pick(EXCLUSIVE_PRICES_MINOR);
        exclusiveCurrency = currency;
      }
    }
    const priceMinor = licensingType === 'exclusive_only' ? null : rng.chance(0.8) ? rng.pick(PRICES_MINOR) : null;

    const plays = Math.floor(Math.exp(rng.float() * Math.log(250_000)));
    const likesCount = Math.floor(plays * (0.01 + rng.float() * 0.06));
    const repostsCount = Math.floor(likesCount * (0.05 + rng.float() * 0.25));
    const createdMs = TRACKS_FROM + Math.floor(rng.float() * (TRACKS_TO - TRACKS_FROM));
    const updatedMs = Math.min(TRACKS_TO, createdMs + rng.int(0, 45) * DAY + rng.int(0, DAY - 1));
    const genreName = g.displayName;
    const tails = exclusiveStatus === 'available' ? [...DESCRIPTION_TAILS, EXCLUSIVE_TAIL] : DESCRIPTION_TAILS;
    const description = rng.chance(0.9)
      ? `${rng.pick(['Moody', 'Bouncy', 'Smooth', 'Hard', 'Melodic', 'Laid-back', 'Dark', 'Uplifting'])} ${genreName} beat at ${bpm} BPM in ${key} ${scale}. ${rng.pick(tails)}`
      : null;

    planned.push({
      row: {
        name,
        image: '', // filled in after sorting, so <n> follows the insertion order
        description,
        durationMs: rng.int(90, 240) * 1000 + rng.int(0, 999),
        bpm,
        key,
        scale,
        priceMinor,
        currency,
        plays,
        licensingType,
        exclusiveStatus,
        exclusivePriceMinor,
        exclusiveCurrency,
        repostsCount,
        likesCount,
        ownerId,
        createdAt: new Date(createdMs),
        updatedAt: new Date(updatedMs),
      },
      artistIdx,
      genreIdx,
      tagIdx,
    });
  }
  // Ids ascend with created_at, as they would on a live platform.
  planned.sort((a, b) => a.row.createdAt!.getTime() - b.row.createdAt!.getTime() || a.row.name.localeCompare(b.row.name));
  planned.forEach((p, i) => {
    p.row.image = `https://open.beatpass.ca/storage/covers/${slugify(p.row.name)}-${i + 1}.jpg`;
  });

  // The listener likes ~10% of the catalog; make sure those counts are at least 1.
  const likedByListener = new Set(
    rng.sample(
      planned.map((_, i) => i),
      Math.min(planned.length, Math.max(5, Math.round(planned.length / 10))),
    ),
  );
  for (const i of likedByListener) {
    const row = planned[i]!.row;
    if ((row.likesCount ?? 0) < 1) row.likesCount = 1;
  }

  const trackIds: number[] = [];
  for (const batch of chunks(planned)) {
    const inserted = await tx
      .insert(tracks)
      .values(batch.map((p) => p.row))
      .returning({ id: tracks.id, name: tracks.name });
    const byName = new Map(inserted.map((r) => [r.name, r.id]));
    for (const p of batch) {
      const id = byName.get(p.row.name);
      if (id === undefined) throw new Error(`seed: no id returned for track "${p.row.name}"`);
      trackIds.push(id);
    }
  }

  const trackArtistRows = planned.flatMap((p, i) => p.artistIdx.map((a, position) => ({ trackId: trackIds[i]!, artistId: artistIds[a]!, position })));
  const trackGenreRows = planned.flatMap((p, i) => p.genreIdx.map((g) => ({ trackId: trackIds[i]!, genreId: genreIds[g]! })));
  const trackTagRows = planned.flatMap((p, i) => p.tagIdx.map((t) => ({ trackId: trackIds[i]!, tagId: tagIds[t]! })));
  for (const batch of chunks(trackArtistRows, 2000)) await tx.insert(trackArtists).values(batch);
  for (const batch of chunks(trackGenreRows, 2000)) await tx.insert(trackGenres).values(batch);
  for (const batch of chunks(trackTagRows, 2000)) await tx.insert(trackTags).values(batch);

  // The listener's follows and likes ------------------------------------------------------
  const followed = [0, ...rng.sample(artistNames.map((_, i) => i).slice(1), 11)];
  const followBase = Date.UTC(2025, 5, 15);
  await tx.insert(artistFollowers).values(
    followed.map((a, i) => ({
      artistId: artistIds[a]!,
      userId: listenerUserId,
      createdAt: new Date(followBase + i * 9 * DAY + rng.int(0, DAY - 1)),
    })),
  );

  const likeRows = [...likedByListener]
    .sort((a, b) => a - b)
    .map((i) => {
      const created = planned[i]!.row.createdAt!.getTime();
      return {
        trackId: trackIds[i]!,
        userId: listenerUserId,
        createdAt: new Date(Math.min(TRACKS_TO, created + rng.int(0, 20) * DAY + rng.int(0, DAY - 1))),
      };
    });
  for (const batch of chunks(likeRows, 2000)) if (batch.length > 0) await tx.insert(trackLikes).values(batch);
}

function uniqueTitle(rng: Rng, used: Set<string>): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const title = `${rng.pick(TITLE_ADJECTIVES)} ${rng.pick(TITLE_NOUNS)}`;
    if (!used.has(title)) {
      used.add(title);
      return title;
    }
  }
  const base = `${rng.pick(TITLE_ADJECTIVES)} ${rng.pick(TITLE_NOUNS)}`;
  for (const suffix of TITLE_SUFFIXES) {
    const title = `${base} ${suffix}`;
    if (!used.has(title)) {
      used.add(title);
      return title;
    }
  }
  for (let n = 2; ; n++) {
    const title = `${base} ${n}`;
    if (!used.has(title)) {
      used.add(title);
      return title;
    }
  }
}

function idByName(rows: readonly { id: number; name: string }[], name: string): number {
  const row = rows.find((r) => r.name === name);
  if (!row) throw new Error(`seed: no id returned for "${name}"`);
  return row.id;
}

// ---------------------------------------------------------------------------------------
// Albums and pinned tracks, made from the tracks already inserted (so they never change the
// tracks above). An artist with enough tracks gets albums of 3 to 6 of them, in release order;
// some artists pin their most played track.

const ALBUM_SEED = 0xa1b0_2026;
const ALBUM_WORDS: readonly string[] = [
  'Night Shift',
  'Basement',
  'Late Checkout',
  'Red Eye',
  'Blue Hour',
  'Back Alley',
  'Overtime',
  'Cold Case',
  'Low End',
  'After Hours',
  'Side B',
  'Rooftop',
  'Slow Burn',
  'Deep Cuts',
  'Northside',
  'Static Season',
  'Vapor',
  'Concrete',
  'Glasshouse',
  'Sundown',
  'Analog',
  'Velvet Room',
  'Daydream',
  'Monsoon',
];
const ALBUM_FORMS: readonly string[] = ['Tape', 'EP', 'Sessions', 'Vol. 1', 'Vol. 2', 'Beat Tape', 'LP', 'Pack', 'Collection'];
const ALBUM_DESCRIPTIONS: readonly string[] = [
  'A run of late-night beats, tracked out and mixed for streaming.',
  'Sketches from one long studio week, finished and mastered.',
  'The beats that did not fit anywhere else, together at last.',
  'Drums first, melodies second: a producer tape for rappers who like space.',
  'Warm, sample-heavy instrumentals for storytellers.',
];

async function insertAlbumsAndPins(tx: Tx): Promise<void> {
  const rng = new Rng(ALBUM_SEED);
  // Primary credits, in release order.
  const result = await tx.execute(sql`
    select ta.artist_id, t.id as track_id, t.created_at, t.plays, a.user_id
    from track_artists ta join tracks t on t.id = ta.track_id join artists a on a.id = ta.artist_id
    where ta.position = 0 order by ta.artist_id, t.created_at, t.id`);
  type Credit = { artist_id: number; track_id: number; created_at: string | Date; plays: number; user_id: number | null };
  const credits = (Array.isArray(result) ? result : (result as unknown as { rows: Credit[] }).rows) as Credit[];
  const byArtist = new Map<number, Credit[]>();
  for (const row of credits) byArtist.set(row.artist_id, [...(byArtist.get(row.artist_id) ?? []), row]);

  interface PlannedAlbum {
    artistId: number;
    ownerId: number | null;
    trackIds: number[];
    createdAt: Date;
    row: typeof albums.$inferInsert;
  }
  const plannedAlbums: PlannedAlbum[] = [];
  const usedNames = new Set<string>();
  const pins: { artistId: number; trackId: number }[] = [];
  for (const [artistId, rows] of byArtist) {
    const isDemoProducer = rows[0]!.user_id !== null;
    const wanted = isDemoProducer ? 4 : rows.length >= 16 ? 3 : rows.length >= 9 ? 2 : rows.length >= 4 ? 1 : 0;
    let cursor = rng.int(0, 1);
    for (let n = 0; n < wanted; n++) {
      const size = rng.int(3, 6);
      const chunk = rows.slice(cursor, cursor + size);
      if (chunk.length < 3) break;
      cursor += size + rng.int(0, 2);
      let name = `${rng.pick(ALBUM_WORDS)} ${rng.pick(ALBUM_FORMS)}`;
      while (usedNames.has(name)) name = `${rng.pick(ALBUM_WORDS)} ${rng.pick(ALBUM_FORMS)}`;
      usedNames.add(name);
      const last = new Date(chunk[chunk.length - 1]!.created_at).getTime();
      const createdAt = new Date(Math.min(TRACKS_TO, last + rng.int(1, 6) * DAY + rng.int(0, DAY - 1)));
      const release = new Date(createdAt.getTime() + rng.int(0, 14) * DAY);
      plannedAlbums.push({
        artistId,
        ownerId: rows[0]!.user_id,
        trackIds: chunk.map((r) => r.track_id),
        createdAt,
        row: {
          name,
          description: rng.chance(0.7) ? rng.pick(ALBUM_DESCRIPTIONS) : null,
          releaseDate: rng.chance(0.9) ? release.toISOString().slice(0, 10) : null,
          image: '',
          ownerId: rows[0]!.user_id,
          createdAt,
          updatedAt: new Date(createdAt.getTime() + rng.int(0, 3) * DAY),
        },
      });
    }
    if (isDemoProducer || (rows.length >= 3 && rng.chance(0.5))) {
      const top = [...rows].sort((a, b) => b.plays - a.plays || a.track_id - b.track_id)[0]!;
      pins.push({ artistId, trackId: top.track_id });
    }
  }
  plannedAlbums.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.row.name.localeCompare(b.row.name));
  plannedAlbums.forEach((p, i) => {
    p.row.image = `https://open.beatpass.ca/storage/albums/${slugify(p.row.name)}-${i + 1}.jpg`;
  });

  if (plannedAlbums.length > 0) {
    const inserted = await tx
      .insert(albums)
      .values(plannedAlbums.map((p) => p.row))
      .returning({ id: albums.id, name: albums.name });
    const albumIds = plannedAlbums.map((p) => idByName(inserted, p.row.name));
    await tx.insert(albumArtists).values(plannedAlbums.map((p, i) => ({ albumId: albumIds[i]!, artistId: p.artistId, position: 0 })));
    const placements = plannedAlbums.flatMap((p, i) => p.trackIds.map((trackId, n) => sql`(${trackId}::int, ${albumIds[i]!}::int, ${n + 1}::int)`));
    await tx.execute(sql`update tracks set album_id = v.album_id, number = v.number
      from (values ${sql.join(placements, sql`, `)}) as v(id, album_id, number) where tracks.id = v.id`);
  }
  if (pins.length > 0) {
    const values = pins.map((p) => sql`(${p.artistId}::int, ${p.trackId}::int)`);
    await tx.execute(sql`update artists set pinned_track_id = v.track_id
      from (values ${sql.join(values, sql`, `)}) as v(artist_id, track_id) where artists.id = v.artist_id`);
  }
}

// ---------------------------------------------------------------------------------------
// Playlists and lyrics, made from the users and tracks already inserted (so they never change
// the rows above). The listener owns a public collaborative playlist with the producer as
// editor and a pending invitation for the developer; the producer owns a public and a
// private one. The one exception to fixed dates: the pending invitation is dated from the
// moment of seeding, so that it is still acceptable for 7 days in a fresh sandbox.

const PLAYLIST_SEED = 0x91a7_1157;
const PLAYLIST_BASE = Date.UTC(2026, 6, 1); // 2026-07-01

const LRC_SAMPLE = [
  '[00:12.00] Headlights on the overpass, the city still awake',
  '[00:18.50] Counting every exit sign, I know which one to take',
  '[00:25.00] Midnight on the dashboard and the bass is in my chest',
  '[00:31.40] Ride until the morning, we can sleep when we get west',
].join('\n');
const PLAIN_SAMPLES: readonly string[] = [
  'Verse 1\nWoke up with a melody stuck in my head\nWrote it on the back of a bill that I never read\n\nHook\nWe keep it moving, we keep it moving',
  'Intro\nYeah, yeah\n\nVerse\nCold nights, warm lights, studio glow\nEvery bar I write is a place I used to know',
  'Hook\nGold chains, slow rain, window down\nPlaying this one loud from the edge of town',
];

async function insertPlaylistsAndLyrics(tx: Tx): Promise<void> {
  const rng = new Rng(PLAYLIST_SEED);
  const userRows = await tx.select({ id: users.id, email: users.email }).from(users);
  const userId = (email: string) => userRows.find((u) => u.email === email)!.id;
  const listener = userId('listener@beatpass.test');
  const producer = userId('producer@beatpass.test');
  const developer = userId('developer@beatpass.test');
  const allTracks = await tx.select({ id: tracks.id, ownerId: tracks.ownerId }).from(tracks).orderBy(tracks.id);
  const trackIds = allTracks.map((t) => t.id);
  const producerTracks = allTracks.filter((t) => t.ownerId === producer).map((t) => t.id);

  const plan = [
    {
      ownerId: listener,
      name: 'Late Night Trap',
      description: 'Dark, slow trap beats for writing after midnight.',
      public: true,
      collaborative: true,
      tracks: rng.sample(trackIds, 18),
    },
    {
      ownerId: listener,
      name: 'Lo-Fi Study Session',
      description: 'Dusty loops and soft drums to keep you focused for hours.',
      public: true,
      collaborative: false,
      tracks: rng.sample(trackIds, 12),
    },
    {
      ownerId: listener,
      name: 'Reference Ideas',
      description: null,
      public: false,
      collaborative: false,
      tracks: rng.sample(trackIds, 6),
    },
    {
      ownerId: producer,
      name: 'Demo Producer Catalog',
      description: 'Every beat from the Demo Producer, newest uploads last.',
      public: true,
      collaborative: false,
      tracks: producerTracks.slice(0, 25),
    },
    {
      ownerId: producer,
      name: 'Unreleased Drafts',
      description: 'Beats still being mixed. Private until the next drop.',
      public: false,
      collaborative: true,
      tracks: rng.sample(producerTracks, 5),
    },
  ];
  const rows = plan.map((p, i) => {
    const createdAt = new Date(PLAYLIST_BASE + i * 6 * DAY + rng.int(0, DAY - 1));
    return {
      ownerId: p.ownerId,
      name: p.name,
      description: p.description,
      image: `https://open.beatpass.ca/storage/playlists/${slugify(p.name)}.jpg`,
      public: p.public,
      collaborative: p.collaborative,
      createdAt,
      updatedAt: new Date(createdAt.getTime() + rng.int(0, 10) * DAY),
    };
  });
  const inserted = await tx.insert(playlists).values(rows).returning({ id: playlists.id, name: playlists.name });
  const playlistIds = plan.map((p) => idByName(inserted, p.name));

  const entries = plan.flatMap((p, i) =>
    p.tracks.map((trackId, position) => ({
      playlistId: playlistIds[i]!,
      trackId,
      position,
      addedBy: i === 0 && position % 4 === 3 ? producer : p.ownerId,
      createdAt: new Date(rows[i]!.createdAt.getTime() + position * 3600_000),
    })),
  );
  if (entries.length > 0) await tx.insert(playlistTracks).values(entries);

  const lateNight = playlistIds[0]!;
  await tx.insert(playlistEditors).values({ playlistId: lateNight, userId: producer, createdAt: new Date(PLAYLIST_BASE + 2 * DAY) });
  const seededAt = Date.now();
  await tx.insert(playlistInvites).values([
    {
      playlistId: lateNight,
      userId: producer,
      invitedBy: listener,
      status: 'accepted',
      createdAt: new Date(PLAYLIST_BASE + DAY),
      expiresAt: new Date(PLAYLIST_BASE + 8 * DAY),
      respondedAt: new Date(PLAYLIST_BASE + 2 * DAY),
    },
    {
      playlistId: lateNight,
      userId: developer,
      invitedBy: listener,
      status: 'pending',
      createdAt: new Date(seededAt - 3600_000),
      expiresAt: new Date(seededAt - 3600_000 + 7 * DAY),
    },
  ]);
  await tx.insert(playlistFollowers).values([
    { playlistId: lateNight, userId: developer, createdAt: new Date(PLAYLIST_BASE + 3 * DAY) },
    { playlistId: playlistIds[1]!, userId: producer, createdAt: new Date(PLAYLIST_BASE + 9 * DAY) },
    { playlistId: playlistIds[3]!, userId: listener, createdAt: new Date(PLAYLIST_BASE + 20 * DAY) },
  ]);

  // Lyrics: the listener's notes on three tracks (one time-synced), the producer's on two of theirs.
  const lyricRows = [
    ...rng.sample(trackIds, 3).map((trackId, i) => ({
      userId: listener,
      trackId,
      text: i === 0 ? LRC_SAMPLE : PLAIN_SAMPLES[i]!,
      synced: i === 0,
    })),
    ...rng.sample(producerTracks, 2).map((trackId, i) => ({ userId: producer, trackId, text: PLAIN_SAMPLES[(i + 2) % PLAIN_SAMPLES.length]!, synced: false })),
  ].map((row, i) => ({ ...row, createdAt: new Date(PLAYLIST_BASE + (40 + i) * DAY), updatedAt: new Date(PLAYLIST_BASE + (41 + i) * DAY) }));
  if (lyricRows.length > 0) await tx.insert(lyrics).values(lyricRows);
}

// ---------------------------------------------------------------------------------------
// Comments, made from the users and tracks already inserted (so they never change the rows
// above). About one track in four gets a few comments from the demo users, many pinned to a
// second of the waveform, some with replies (the producer answering on their own beats); a
// few top-level comments with replies are deleted. Bounded, so the bench catalog stays quick.

const COMMENT_SEED = 0xc033_e575;
const MAX_COMMENTED_TRACKS = 400;
const HOUR = 3_600_000;

const PINNED_COMMENTS: readonly string[] = [
  'This drop right here is crazy.',
  'The 808 slide at this part hits different.',
  'That switch-up caught me off guard, love it.',
  'Those bells are haunting.',
  'Perfect spot for a hook.',
  'The drums come in so clean here.',
  'Already wrote a verse to this section.',
  'This melody is stuck in my head now.',
];
const GENERAL_COMMENTS: readonly string[] = [
  'Need this for my next single.',
  'What key is this in? Sounds like F minor.',
  'Mix is so clean, what do you use on the master?',
  'Leased it yesterday, recording tonight.',
  'This one is going on repeat.',
  'Vibes are immaculate.',
  'Would love a version with less reverb on the keys.',
  'Certified banger.',
];
const REPLIES: readonly string[] = [
  'Appreciate you!',
  'Thank you, more like this coming soon.',
  'Facts.',
  'Send me the song when it is done!',
  'Same, been playing it all week.',
];

async function insertTrackComments(tx: Tx): Promise<void> {
  const rng = new Rng(COMMENT_SEED);
  const userRows = await tx.select({ id: users.id, email: users.email }).from(users);
  const userId = (email: string) => userRows.find((u) => u.email === email)!.id;
  const commenters = ['listener@beatpass.test', 'developer@beatpass.test', 'twofactor@beatpass.test', 'producer@beatpass.test'].map(userId);
  const producer = userId('producer@beatpass.test');
  const allTracks = await tx
    .select({ id: tracks.id, ownerId: tracks.ownerId, durationMs: tracks.durationMs, createdAt: tracks.createdAt })
    .from(tracks)
    .orderBy(tracks.id);
  const commented = rng.sample(allTracks, Math.min(MAX_COMMENTED_TRACKS, Math.ceil(allTracks.length / 4)));

  interface PlannedComment {
    key: number;
    parentKey: number | null;
    row: typeof trackComments.$inferInsert;
  }
  const planned: PlannedComment[] = [];
  for (const track of commented.sort((a, b) => a.id - b.id)) {
    const roots = rng.int(1, 5);
    for (let n = 0; n < roots; n++) {
      const key = planned.length;
      const pinned = rng.chance(0.6);
      const createdAt = new Date(track.createdAt.getTime() + rng.int(1, 60) * DAY + rng.int(0, DAY - 1));
      const author = rng.pick(commenters.filter((id) => id !== track.ownerId));
      const hasReplies = rng.chance(0.3);
      const root: PlannedComment = {
        key,
        parentKey: null,
        row: {
          trackId: track.id,
          userId: author,
          content: rng.pick(pinned ? PINNED_COMMENTS : GENERAL_COMMENTS),
          position: pinned ? rng.int(0, Math.floor(track.durationMs / 1000) - 1) : null,
          createdAt,
        },
      };
      planned.push(root);
      if (!hasReplies) continue;
      let repliedAt = createdAt.getTime();
      for (let r = 1, replies = rng.int(1, 2); r <= replies; r++) {
        repliedAt += rng.int(1, 30) * HOUR;
        const replier = track.ownerId === producer && r === 1 ? producer : rng.pick(commenters.filter((id) => id !== author));
        planned.push({
          key: planned.length,
          parentKey: key,
          row: { trackId: track.id, userId: replier, content: rng.pick(REPLIES), position: null, createdAt: new Date(repliedAt) },
        });
      }
      // A deleted comment with replies stays in its thread, without its text or author.
      if (rng.chance(0.1)) root.row.deletedAt = new Date(repliedAt + rng.int(1, 48) * HOUR);
    }
  }
  // Ids ascend with created_at, which the thread order relies on; a reply always follows its comment.
  planned.sort((a, b) => a.row.createdAt!.getTime() - b.row.createdAt!.getTime() || a.key - b.key);

  const idByKey = new Map<number, number>();
  for (const batch of chunks(planned)) {
    const inserted = await tx
      .insert(trackComments)
      .values(batch.map((p) => p.row))
      .returning({ id: trackComments.id });
    if (inserted.length !== batch.length) throw new Error('seed: not every comment was inserted');
    for (const [i, p] of batch.entries()) idByKey.set(p.key, inserted[i]!.id);
  }
  const links = planned.filter((p) => p.parentKey !== null).map((p) => sql`(${idByKey.get(p.key)!}::int, ${idByKey.get(p.parentKey!)!}::int)`);
  if (links.length > 0) {
    await tx.execute(sql`update track_comments set parent_id = v.parent_id
      from (values ${sql.join(links, sql`, `)}) as v(id, parent_id) where track_comments.id = v.id`);
  }
}

// ---------------------------------------------------------------------------------------
// Analytics, made from the users and tracks already inserted (so they never change the rows
// above): plays of the demo producer's album tracks and newest tracks, each with the device,
// browser, platform and country a player would report, the listener's downloads (the one demo
// user with a paid plan) and reposts and likes from the other demo users. The other
// exception to fixed dates: they are spread over the 90 days before seeding, newer days
// busier, so that the analytics windows (7, 30, 90 days back from now) show data in a fresh
// sandbox; the offsets from that moment are fixed. The producer's own plays and downloads are
// there too, for the analytics to leave out.

const ANALYTICS_SEED = 0xa4a1_7105;
const ANALYTICS_NEWEST_TRACKS = 8;
const ANALYTICS_DAYS = 90;

interface DemoClient {
  device: string | null;
  browser: string | null;
  platform: string | null;
}
const CLIENTS: readonly DemoClient[] = [
  { device: 'mobile', browser: 'Safari', platform: 'iOS' },
  { device: 'mobile', browser: 'Chrome', platform: 'Android' },
  { device: 'desktop', browser: 'Chrome', platform: 'Windows' },
  { device: 'desktop', browser: 'Chrome', platform: 'macOS' },
  { device: 'desktop', browser: 'Safari', platform: 'macOS' },
  { device: 'desktop', browser: 'Edge', platform: 'Windows' },
  { device: 'desktop', browser: 'Firefox', platform: 'Windows' },
  { device: 'desktop', browser: 'Firefox', platform: 'Linux' },
  { device: 'tablet', browser: 'Safari', platform: 'iOS' },
  { device: 'mobile', browser: 'Samsung Internet', platform: 'Android' },
  { device: 'mobile', browser: 'Chrome', platform: 'iOS' },
  { device: null, browser: null, platform: null },
];
const CLIENT_WEIGHTS: readonly number[] = [24, 20, 18, 8, 7, 5, 3, 2, 4, 3, 3, 3];
// null: no CDN header, as on most requests that do not come through one.
const COUNTRIES: readonly (string | null)[] = ['US', 'CA', 'GB', 'NG', 'DE', 'FR', 'BR', 'JM', 'AU', 'JP', null];
const COUNTRY_WEIGHTS: readonly number[] = [28, 14, 9, 6, 5, 4, 4, 3, 3, 2, 22];

async function insertAnalytics(tx: Tx): Promise<void> {
  const rng = new Rng(ANALYTICS_SEED);
  const seededAt = Date.now();
  const userRows = await tx.select({ id: users.id, email: users.email }).from(users);
  const userId = (email: string) => userRows.find((u) => u.email === email)!.id;
  const producer = userId('producer@beatpass.test');
  const listener = userId('listener@beatpass.test');
  const others = [userId('developer@beatpass.test'), userId('twofactor@beatpass.test')];
  const owned = await tx
    .select({ id: tracks.id, albumId: tracks.albumId, durationMs: tracks.durationMs, likesCount: tracks.likesCount, createdAt: tracks.createdAt })
    .from(tracks)
    .where(sql`${tracks.ownerId} = ${producer}`)
    .orderBy(sql`${tracks.createdAt} desc, ${tracks.id} desc`);
  const chosen = [...new Set([...owned.slice(0, ANALYTICS_NEWEST_TRACKS), ...owned.filter((t) => t.albumId !== null)])];
  if (chosen.length === 0) return;

  /** A moment within the last `ANALYTICS_DAYS` days, after the track was published; recent days likelier. */
  const momentFor = (createdAt: Date) => {
    const from = Math.max(createdAt.getTime(), seededAt - ANALYTICS_DAYS * DAY);
    return new Date(seededAt - Math.floor((1 - Math.sqrt(rng.float())) * (seededAt - from)));
  };

  const playRows: (typeof plays.$inferInsert)[] = [];
  chosen.forEach((track, rank) => {
    const count = Math.round((40 + rng.int(0, 160)) / (1 + rank * 0.15));
    for (let n = 0; n < count; n++) {
      const at = momentFor(track.createdAt);
      const client = rng.weighted(CLIENTS, CLIENT_WEIGHTS);
      const who = rng.float();
      const completed = rng.chance(0.35);
      playRows.push({
        trackId: track.id,
        userId: who < 0.55 ? null : who < 0.75 ? listener : who < 0.95 ? rng.pick(others) : producer,
        playToken: `pt_demo_${track.id}_${n}`,
        position: 0,
        listenedMs: completed ? track.durationMs : Math.floor(track.durationMs * (0.1 + 0.75 * rng.float())),
        ...client,
        country: rng.weighted(COUNTRIES, COUNTRY_WEIGHTS),
        createdAt: at,
        updatedAt: at,
      });
    }
  });
  for (const batch of chunks(playRows)) await tx.insert(plays).values(batch);

  const downloadRows: (typeof trackDownloads.$inferInsert)[] = [];
  for (const track of rng.sample(chosen, Math.min(chosen.length, 7))) {
    for (let n = rng.int(1, 3); n > 0; n--) downloadRows.push({ trackId: track.id, userId: listener, createdAt: momentFor(track.createdAt) });
  }
  downloadRows.push({ trackId: chosen[0]!.id, userId: producer, createdAt: momentFor(chosen[0]!.createdAt) });
  await tx.insert(trackDownloads).values(downloadRows.sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime()));

  const repostRows = chosen.flatMap((track) =>
    [listener, ...others].filter(() => rng.chance(0.3)).map((user) => ({ trackId: track.id, userId: user, createdAt: momentFor(track.createdAt) })),
  );
  if (repostRows.length > 0) {
    await tx.insert(trackReposts).values(repostRows);
    await bumpTrackCounts(
      tx,
      'reposts_count',
      repostRows.map((r) => r.trackId),
    );
  }

  // Only as many likers as each track's like count leaves room for, so the counts stay true.
  const existingLikes = await tx.select({ trackId: trackLikes.trackId, userId: trackLikes.userId }).from(trackLikes);
  const likeRows = chosen.flatMap((track) => {
    const likers = new Set(existingLikes.filter((l) => l.trackId === track.id).map((l) => l.userId));
    const room = track.likesCount - likers.size;
    return others
      .filter((user) => !likers.has(user) && rng.chance(0.5))
      .slice(0, Math.max(0, room))
      .map((user) => ({ trackId: track.id, userId: user, createdAt: momentFor(track.createdAt) }));
  });
  if (likeRows.length > 0) await tx.insert(trackLikes).values(likeRows);
}

// ---------------------------------------------------------------------------------------
// Portfolio credits, made from the artists, tracks and albums already inserted (so they never
// change the rows above). The demo producer's come first, so the lowest credit id is theirs:
// releases outside BeatPass (with Spotify IDs) mixed with their own BeatPass tracks. Then a
// few other artists get one to four each; two artists may share a release (a producer and an
// engineer on the same track), so its Spotify IDs are made once per release.

const CREDIT_SEED = 0xc4ed_175e;
const CREDIT_BASE = Date.UTC(2026, 7, 1); // 2026-08-01
const CREDITED_ARTISTS = 8;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

interface OutsideRelease {
  title: string;
  artists: string[];
  album: string;
  date: string;
}

const OUTSIDE_RELEASES: readonly OutsideRelease[] = [
  { title: 'Rooftop Static', artists: ['Rae Castillo'], album: 'Static Season', date: '2025-11-07' },
  { title: 'Glass Elevator', artists: ['Mina Okafor'], album: 'Glass Elevator', date: '2025-08-22' },
  { title: 'Northside Prayer', artists: ['Dex Holloway', 'Amara Sol'], album: 'Northside', date: '2024-10-04' },
  { title: 'Paper Planes Over Lagos', artists: ['Tunde Vibes'], album: 'Harmattan', date: '2025-02-14' },
  { title: 'Cold Case', artists: ['Jules Marrow'], album: 'Evidence', date: '2023' },
  { title: 'Velvet Hours', artists: ['Sienna Blake', 'Kairo Beats'], album: 'After Hours Club', date: '2025-06' },
  { title: 'No Signal', artists: ['Big Lenny'], album: 'Dead Zone', date: '2024-04-19' },
  { title: 'Summer In Reverse', artists: ['Coco Rayne'], album: 'Summer In Reverse', date: '2026-06-26' },
  { title: 'Midnight Laundromat', artists: ['Otis Greer', 'Lumi Waves'], album: 'Spin Cycle', date: '2025-12-05' },
  { title: 'Heavy Crown', artists: ['Kingsley Dune'], album: 'Heavy Crown', date: '2024-09-13' },
  { title: 'Ocean Drive Freestyle', artists: ['Lil Marlo'], album: 'Tapes From Miami', date: '2023-07-07' },
  { title: 'Slow Motion Rain', artists: ['Ivy Monroe', 'Dre Lockwood'], album: 'Weathervane', date: '2026-01-30' },
];
const OUTSIDE_ROLES: readonly CreditRole[] = ['Producer', 'Co-Producer', 'Additional Producer', 'Mixing Engineer', 'Songwriter', 'Recording Engineer'];
const OUTSIDE_ROLE_WEIGHTS: readonly number[] = [6, 3, 1, 2, 1, 1];

async function insertPortfolioCredits(tx: Tx): Promise<void> {
  const rng = new Rng(CREDIT_SEED);
  const spotifyId = () => Array.from({ length: 22 }, () => BASE62[rng.int(0, 61)]).join('');
  const releases = OUTSIDE_RELEASES.map((release) => ({
    ...release,
    spotifyTrackId: spotifyId(),
    spotifyAlbumId: spotifyId(),
    image: `https://i.scdn.co/image/ab67616d0000b273${Array.from({ length: 24 }, () => rng.int(0, 15).toString(16)).join('')}`,
  }));

  const artistRows = await tx.select({ id: artists.id, name: artists.name }).from(artists).orderBy(artists.id);
  const demo = artistRows.find((a) => a.name === DEMO_PRODUCER_ARTIST_NAME);
  if (!demo) return;
  const chosen = [
    demo,
    ...rng.sample(
      artistRows.filter((a) => a.id !== demo.id),
      CREDITED_ARTISTS,
    ),
  ];
  // Each artist's own tracks (first credited), most played first.
  const ownTracks = await tx
    .select({
      artistId: trackArtists.artistId,
      id: tracks.id,
      name: tracks.name,
      image: tracks.image,
      albumId: tracks.albumId,
      createdAt: tracks.createdAt,
    })
    .from(trackArtists)
    .innerJoin(tracks, eq(tracks.id, trackArtists.trackId))
    .where(
      and(
        eq(trackArtists.position, 0),
        inArray(
          trackArtists.artistId,
          chosen.map((a) => a.id),
        ),
      ),
    )
    .orderBy(desc(tracks.plays), tracks.id);
  const albumRows = await tx.select({ id: albums.id, name: albums.name, releaseDate: albums.releaseDate }).from(albums);
  const albumById = new Map(albumRows.map((a) => [a.id, a]));

  type Plan = { kind: 'outside'; role: CreditRole } | { kind: 'own' };
  const plans = new Map<number, Plan[]>([
    [
      demo.id,
      [
        { kind: 'outside', role: 'Producer' },
        { kind: 'outside', role: 'Co-Producer' },
        { kind: 'own' },
        { kind: 'outside', role: 'Mixing Engineer' },
        { kind: 'own' },
      ],
    ],
  ]);
  for (const artist of chosen.slice(1)) {
    plans.set(
      artist.id,
      Array.from(
        { length: rng.int(1, 4) },
        (): Plan => (rng.chance(0.35) ? { kind: 'own' } : { kind: 'outside', role: rng.weighted(OUTSIDE_ROLES, OUTSIDE_ROLE_WEIGHTS) }),
      ),
    );
  }

  const rows: (typeof artistCredits.$inferInsert)[] = [];
  for (const artist of chosen) {
    const outside = rng.sample(releases, releases.length);
    const own = ownTracks.filter((t) => t.artistId === artist.id);
    let position = 0;
    for (const plan of plans.get(artist.id)!) {
      const createdAt = new Date(CREDIT_BASE + rows.length * DAY + rng.int(0, DAY - 1));
      if (plan.kind === 'own') {
        const track = own.shift();
        if (!track) continue;
        const album = track.albumId === null ? undefined : albumById.get(track.albumId);
        rows.push({
          artistId: artist.id,
          title: track.name,
          role: 'Producer',
          releaseArtists: [artist.name],
          albumName: album?.name ?? null,
          releaseDate: album?.releaseDate ?? track.createdAt.toISOString().slice(0, 10),
          image: track.image,
          trackId: track.id,
          albumId: album?.id ?? null,
          position: position++,
          createdAt,
          updatedAt: createdAt,
        });
      } else {
        const release = outside.shift()!;
        rows.push({
          artistId: artist.id,
          title: release.title,
          role: plan.role,
          releaseArtists: release.artists,
          albumName: release.album,
          releaseDate: release.date,
          image: release.image,
          spotifyTrackId: release.spotifyTrackId,
          spotifyAlbumId: release.spotifyAlbumId,
          spotifyUrl: `https://open.spotify.com/track/${release.spotifyTrackId}`,
          position: position++,
          createdAt,
          updatedAt: createdAt,
        });
      }
    }
  }
  if (rows.length > 0) await tx.insert(artistCredits).values(rows);
}
