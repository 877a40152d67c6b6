// The relational model, shared by PGlite (embedded) and PostgreSQL. Migrations under
// server/db/migrations are generated from this file by drizzle-kit.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  type PgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/**
 * CHECKs that hold stored text to the spec's `maxLength` for it (openapi/README.md, "Bounds"):
 * request validation refuses longer input, and the database refuses it from anywhere else.
 */
const maxLengths = (table: string, limits: [PgColumn, number][]) =>
  limits.map(([column, max]) => check(`${table}_${column.name}_length`, sql`char_length(${column}) <= ${sql.raw(String(max))}`));

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    email: text('email').notNull(),
    username: text('username'),
    displayName: text('display_name').notNull(),
    avatar: text('avatar'),
    passwordHash: text('password_hash').notNull(),
    twoFactorSecret: text('two_factor_secret'),
    /** SHA-256 hashes of the unused recovery codes. */
    twoFactorRecoveryCodes: jsonb('two_factor_recovery_codes').$type<string[]>().notNull().default([]),
    /** The TOTP time step of the last code accepted: that code, and older ones, never sign in again. */
    twoFactorLastStep: integer('two_factor_last_step'),
    developerAccess: boolean('developer_access').notNull().default(false),
    /** Subscription plan (classic, plus, pro); null on the free plan. Downloads need one. */
    plan: text('plan'),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    uniqueIndex('users_username_unique').on(sql`lower(${t.username})`),
    ...maxLengths('users', [
      [t.email, 255],
      [t.username, 31],
      [t.displayName, 255],
      [t.avatar, 2048],
    ]),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie value, so a database leak does not leak live sessions. */
    id: text('id').primaryKey(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Set while a sign-in waits for its two-factor code. */
    pendingUserId: integer('pending_user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Wrong two-factor codes sent to this pending sign-in; a few of them end it. */
    failedCodeAttempts: integer('failed_code_attempts').notNull().default(0),
    /**
     * The CSRF token of this session (the XSRF-TOKEN cookie's value): X-XSRF-TOKEN must equal
     * it, so a cookie pair planted by someone else matches no session. Null only on sessions
     * older than this column, which must sign in again.
     */
    csrfToken: text('csrf_token'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const developerTokens = pgTable(
  'developer_tokens',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** SHA-256 of the secret part; the plaintext is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('developer_tokens_hash_unique').on(t.tokenHash),
    index('developer_tokens_user_idx').on(t.userId),
    ...maxLengths('developer_tokens', [[t.name, 100]]),
  ],
);

export const genres = pgTable(
  'genres',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull().unique(),
    displayName: text('display_name').notNull(),
  },
  (t) =>
    maxLengths('genres', [
      [t.name, 100],
      [t.displayName, 100],
    ]),
);

export const tags = pgTable(
  'tags',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull().unique(),
  },
  (t) => maxLengths('tags', [[t.name, 100]]),
);

export const artists = pgTable(
  'artists',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    imageSmall: text('image_small'),
    verified: boolean('verified').notNull().default(false),
    bio: text('bio'),
    website: text('website'),
    /** The one track the artist features on their profile. */
    pinnedTrackId: integer('pinned_track_id'),
    createdAt: createdAt(),
  },
  (t) => [
    // One artist profile per account, also when two creates race; profiles nobody manages are free.
    uniqueIndex('artists_user_unique').on(t.userId).where(sql`${t.userId} is not null`),
    ...maxLengths('artists', [
      [t.name, 255],
      [t.imageSmall, 2048],
      [t.bio, 5000],
      [t.website, 2048],
    ]),
  ],
);

export const artistFollowers = pgTable(
  'artist_followers',
  {
    artistId: integer('artist_id')
      .notNull()
      .references(() => artists.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.artistId, t.userId] })],
);

export const tracks = pgTable(
  'tracks',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    image: text('image'),
    description: text('description'),
    durationMs: integer('duration_ms').notNull(),
    bpm: integer('bpm').notNull(),
    key: text('key').notNull(),
    scale: text('scale').notNull(),
    /** Money in integer minor units; serialised as major units. */
    priceMinor: integer('price_minor'),
    currency: text('currency').notNull().default('USD'),
    plays: integer('plays').notNull().default(0),
    licensingType: text('licensing_type').notNull(),
    exclusiveStatus: text('exclusive_status'),
    exclusivePriceMinor: integer('exclusive_price_minor'),
    exclusiveCurrency: text('exclusive_currency'),
    /** Where buyers ask about the exclusive; never shown in API responses. */
    exclusiveContactEmail: text('exclusive_contact_email'),
    repostsCount: integer('reposts_count').notNull().default(0),
    likesCount: integer('likes_count').notNull().default(0),
    ownerId: integer('owner_id').references(() => users.id, { onDelete: 'set null' }),
    /** The uploaded audio this track was published from (null for demo data without audio). */
    fileEntryId: integer('file_entry_id').references(() => fileEntries.id, { onDelete: 'set null' }),
    albumId: integer('album_id').references(() => albums.id, { onDelete: 'set null' }),
    /** Position on its album. */
    number: integer('number'),
    /** When the producer marked the beat as posted (shared outside BeatPass); null while not posted. */
    postedAt: timestamp('posted_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    search: tsvector('search').generatedAlwaysAs(sql`to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(description, ''))`),
  },
  (t) => [
    index('tracks_created_idx').on(t.createdAt, t.id),
    // BeatPass requires unique track names; the index makes it hold under concurrent publishes.
    uniqueIndex('tracks_name_unique').on(sql`lower(${t.name})`),
    uniqueIndex('tracks_file_entry_unique').on(t.fileEntryId),
    index('tracks_search_idx').using('gin', t.search),
    ...maxLengths('tracks', [
      [t.name, 255],
      [t.image, 2048],
      [t.description, 5000],
      [t.key, 10],
      [t.scale, 20],
      [t.exclusiveContactEmail, 255],
    ]),
    check('tracks_bpm_range', sql`${t.bpm} between 60 and 200`),
  ],
);

/**
 * Exact row counts kept by database triggers (migration 0009), so the catalog list's
 * Laravel `total` is one row read instead of a count over every track on every request.
 */
export const rowCounts = pgTable('row_counts', {
  tableName: text('table_name').primaryKey(),
  total: bigint('total', { mode: 'number' }).notNull(),
});

export const trackArtists = pgTable(
  'track_artists',
  {
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    artistId: integer('artist_id')
      .notNull()
      .references(() => artists.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.trackId, t.artistId] }), index('track_artists_artist_idx').on(t.artistId)],
);

export const trackGenres = pgTable(
  'track_genres',
  {
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    genreId: integer('genre_id')
      .notNull()
      .references(() => genres.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.trackId, t.genreId] })],
);

export const trackTags = pgTable(
  'track_tags',
  {
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.trackId, t.tagId] })],
);

/**
 * A comment on a track; `position` pins it to a second of the waveform. Replies are one level
 * deep (`parent_id` is a top-level comment). A deleted comment keeps its place so its replies
 * still read in context.
 */
export const trackComments = pgTable(
  'track_comments',
  {
    id: serial('id').primaryKey(),
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id').references((): AnyPgColumn => trackComments.id, { onDelete: 'cascade' }),
    content: text('content').notNull(),
    /** Seconds from the start of the track; null for a comment not pinned to the waveform. */
    position: integer('position'),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('track_comments_track_idx').on(t.trackId, t.id),
    index('track_comments_parent_idx').on(t.parentId),
    ...maxLengths('track_comments', [[t.content, 1000]]),
    // The second of the track: within the longest duration the tracks table holds.
    check('track_comments_position_range', sql`${t.position} between 0 and 2147483`),
  ],
);

export const trackLikes = pgTable(
  'track_likes',
  {
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.trackId, t.userId] })],
);

/** An uploaded audio file, analysed on upload; it becomes a track's audio when published. */
export const fileEntries = pgTable(
  'file_entries',
  {
    id: serial('id').primaryKey(),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    originalName: text('original_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    /** Key of the file in the storage backend (relative to STORAGE_DIR for the local one). */
    storageKey: text('storage_key').notNull(),
    durationMs: integer('duration_ms').notNull(),
    sampleRate: integer('sample_rate').notNull(),
    channels: integer('channels').notNull(),
    bitsPerSample: integer('bits_per_sample'),
    /** Normalised waveform peaks (0..1), a fixed number per file. */
    peaks: jsonb('peaks').$type<number[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('file_entries_owner_idx').on(t.ownerId), ...maxLengths('file_entries', [[t.originalName, 255]])],
);

/** One play of a track; an idempotency key makes a retried log count once. */
export const plays = pgTable(
  'plays',
  {
    id: serial('id').primaryKey(),
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    idempotencyKey: uuid('idempotency_key'),
    playToken: text('play_token').notNull(),
    queueId: text('queue_id'),
    position: real('position'),
    listenedMs: integer('listened_ms').notNull().default(0),
    /** desktop | mobile | tablet, read from the User-Agent when the play was logged; null when unknown. */
    device: text('device'),
    /** Browser family (Chrome, Safari, Firefox, Edge, …) from the User-Agent; null when unknown. */
    browser: text('browser'),
    /** Operating system (Windows, macOS, iOS, Android, …) from the User-Agent; null when unknown. */
    platform: text('platform'),
    /** ISO 3166-1 alpha-2 country from a CDN header (CF-IPCountry); null without one. */
    country: text('country'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('plays_idempotency_unique').on(t.trackId, t.idempotencyKey),
    uniqueIndex('plays_token_unique').on(t.playToken),
    index('plays_track_idx').on(t.trackId),
    // Analytics read plays of a set of tracks within a period.
    index('plays_track_created_idx').on(t.trackId, t.createdAt),
    // A day at most, as update-duration accepts; average listening times rely on it.
    check('plays_listened_ms_range', sql`${t.listenedMs} between 0 and 86400000`),
  ],
);

/** A download of a track's audio that started (a resumed or probing Range request is not one). */
export const trackDownloads = pgTable(
  'track_downloads',
  {
    id: serial('id').primaryKey(),
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('track_downloads_track_created_idx').on(t.trackId, t.createdAt), index('track_downloads_user_track_idx').on(t.userId, t.trackId, t.createdAt)],
);

/** A user's repost of a track, at most one each; written by the social-graph routes. */
export const trackReposts = pgTable(
  'track_reposts',
  {
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.trackId, t.userId] }), index('track_reposts_track_created_idx').on(t.trackId, t.createdAt)],
);

export const albums = pgTable(
  'albums',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    releaseDate: date('release_date', { mode: 'string' }),
    image: text('image'),
    ownerId: integer('owner_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('albums_created_idx').on(t.createdAt, t.id),
    ...maxLengths('albums', [
      [t.name, 255],
      [t.description, 5000],
      [t.image, 2048],
    ]),
  ],
);

export const albumArtists = pgTable(
  'album_artists',
  {
    albumId: integer('album_id')
      .notNull()
      .references(() => albums.id, { onDelete: 'cascade' }),
    artistId: integer('artist_id')
      .notNull()
      .references(() => artists.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.albumId, t.artistId] }), index('album_artists_artist_idx').on(t.artistId)],
);

export const playlists = pgTable(
  'playlists',
  {
    id: serial('id').primaryKey(),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    image: text('image'),
    public: boolean('public').notNull().default(false),
    collaborative: boolean('collaborative').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('playlists_owner_name_unique').on(t.ownerId, sql`lower(${t.name})`),
    ...maxLengths('playlists', [
      [t.name, 250],
      [t.description, 170],
      [t.image, 2048],
    ]),
  ],
);

export const playlistTracks = pgTable(
  'playlist_tracks',
  {
    playlistId: integer('playlist_id')
      .notNull()
      .references(() => playlists.id, { onDelete: 'cascade' }),
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    addedBy: integer('added_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.playlistId, t.trackId] })],
);

export const playlistEditors = pgTable(
  'playlist_editors',
  {
    playlistId: integer('playlist_id')
      .notNull()
      .references(() => playlists.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.playlistId, t.userId] })],
);

export const playlistInvites = pgTable(
  'playlist_invites',
  {
    id: serial('id').primaryKey(),
    playlistId: integer('playlist_id')
      .notNull()
      .references(() => playlists.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    invitedBy: integer('invited_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** pending | accepted | declined */
    status: text('status').notNull().default('pending'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('playlist_invites_lookup_idx').on(t.playlistId, t.userId)],
);

export const playlistFollowers = pgTable(
  'playlist_followers',
  {
    playlistId: integer('playlist_id')
      .notNull()
      .references(() => playlists.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.playlistId, t.userId] })],
);

/** Lyrics are personal: each user keeps their own text for a track. */
export const lyrics = pgTable(
  'lyrics',
  {
    id: serial('id').primaryKey(),
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    /** Whether `text` is time-synced (LRC `[mm:ss.xx]` lines). */
    synced: boolean('synced').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('lyrics_user_track_unique').on(t.userId, t.trackId), ...maxLengths('lyrics', [[t.text, 20000]])],
);

/**
 * An artist's portfolio credit: a release they worked on, on BeatPass or elsewhere (Spotify),
 * and their role on it. The artist orders their portfolio by `position`.
 */
export const artistCredits = pgTable(
  'artist_credits',
  {
    id: serial('id').primaryKey(),
    artistId: integer('artist_id')
      .notNull()
      .references(() => artists.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** One of the roles the API defines (CreditRole in the spec). */
    role: text('role').notNull(),
    /** The performing artists as the release names them. */
    releaseArtists: jsonb('release_artists').$type<string[]>().notNull().default([]),
    albumName: text('album_name'),
    /** YYYY, YYYY-MM or YYYY-MM-DD: as precise as the source (Spotify) knows it. */
    releaseDate: text('release_date'),
    image: text('image'),
    spotifyTrackId: text('spotify_track_id'),
    spotifyAlbumId: text('spotify_album_id'),
    spotifyUrl: text('spotify_url'),
    trackId: integer('track_id').references(() => tracks.id, { onDelete: 'set null' }),
    albumId: integer('album_id').references(() => albums.id, { onDelete: 'set null' }),
    position: integer('position').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('artist_credits_artist_position_idx').on(t.artistId, t.position, t.id),
    // One credit per artist, role and release track, also when two adds race.
    uniqueIndex('artist_credits_spotify_track_unique').on(t.artistId, t.spotifyTrackId, t.role).where(sql`${t.spotifyTrackId} is not null`),
    uniqueIndex('artist_credits_track_unique').on(t.artistId, t.trackId, t.role).where(sql`${t.trackId} is not null`),
    ...maxLengths('artist_credits', [
      [t.title, 255],
      [t.albumName, 255],
      [t.releaseDate, 10],
      [t.image, 2048],
      [t.spotifyTrackId, 22],
      [t.spotifyAlbumId, 22],
      [t.spotifyUrl, 2048],
    ]),
    check('artist_credits_release_artists_count', sql`jsonb_array_length(${t.releaseArtists}) <= 20`),
  ],
);
