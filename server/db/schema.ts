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
  type ExtraConfigColumn,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
/**
 * Weighted full-text document for search (server/search/postgres-engine.ts): names weigh A,
 * descriptions and bios B, so a name match outranks a description match. 'simple' keeps
 * words as typed (no stemming, no stop words), which suits beat titles and artist names.
 */
const weightedDocument = (a: string[], b: string[] = []) =>
  sql.raw(
    [
      ...a.map((c) => `setweight(to_tsvector('simple', coalesce(${c}, '')), 'A')`),
      ...b.map((c) => `setweight(to_tsvector('simple', coalesce(${c}, '')), 'B')`),
    ].join(' || '),
  );
/** GIN trigram index on a name column, for typo-tolerant matching with `%` and `<%` (pg_trgm). */
const trigramIndex = (name: string, column: ExtraConfigColumn) => index(name).using('gin', column.op('gin_trgm_ops'));

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
    /** Account settings (HLP "Account settings"): written by the profile update, never shown to others. */
    firstName: text('first_name'),
    lastName: text('last_name'),
    /** ISO 639-1 language code. */
    language: text('language'),
    /** ISO 3166-1 alpha-2 country code. */
    country: text('country'),
    /** IANA time zone name. */
    timezone: text('timezone'),
    createdAt: createdAt(),
    /** Search document: the public names only (never email or account-settings names). */
    search: tsvector('search').generatedAlwaysAs(weightedDocument(['display_name', 'username'])),
  },
  (t) => [
    index('users_search_idx').using('gin', t.search),
    trigramIndex('users_display_name_trgm_idx', t.displayName),
    trigramIndex('users_username_trgm_idx', t.username),
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    uniqueIndex('users_username_unique').on(sql`lower(${t.username})`),
    ...maxLengths('users', [
      [t.email, 255],
      [t.username, 31],
      [t.displayName, 255],
      [t.avatar, 2048],
      [t.firstName, 100],
      [t.lastName, 100],
      [t.language, 10],
      [t.country, 2],
      [t.timezone, 64],
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
  (t) => [trigramIndex('tags_name_trgm_idx', t.name), ...maxLengths('tags', [[t.name, 100]])],
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
    /** The artist's default ExclusiveLicenseConfig, applied to new tracks; null: the platform's. */
    exclusiveLicenseDefault: jsonb('exclusive_license_default').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    search: tsvector('search').generatedAlwaysAs(weightedDocument(['name'], ['bio'])),
  },
  (t) => [
    index('artists_search_idx').using('gin', t.search),
    trigramIndex('artists_name_trgm_idx', t.name),
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
  (t) => [primaryKey({ columns: [t.artistId, t.userId] }), index('artist_followers_user_created_idx').on(t.userId, t.createdAt)],
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
    /** The preset whose terms an exclusive sale of this track grants; deleting it is refused while set. */
    exclusiveLicensePresetId: integer('exclusive_license_preset_id').references((): AnyPgColumn => exclusiveLicensePresets.id, { onDelete: 'restrict' }),
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
    search: tsvector('search').generatedAlwaysAs(weightedDocument(['name'], ['description'])),
  },
  (t) => [
    index('tracks_created_idx').on(t.createdAt, t.id),
    // BeatPass requires unique track names; the index makes it hold under concurrent publishes.
    uniqueIndex('tracks_name_unique').on(sql`lower(${t.name})`),
    uniqueIndex('tracks_file_entry_unique').on(t.fileEntryId),
    index('tracks_search_idx').using('gin', t.search),
    trigramIndex('tracks_name_trgm_idx', t.name),
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
  // genre → tracks, for similar-audio search and radio.
  (t) => [primaryKey({ columns: [t.trackId, t.genreId] }), index('track_genres_genre_idx').on(t.genreId)],
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
  (t) => [primaryKey({ columns: [t.trackId, t.tagId] }), index('track_tags_tag_idx').on(t.tagId)],
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
  // The user's side: liked lists, newest first, and the library cap.
  (t) => [primaryKey({ columns: [t.trackId, t.userId] }), index('track_likes_user_created_idx').on(t.userId, t.createdAt)],
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
  (t) => [
    primaryKey({ columns: [t.trackId, t.userId] }),
    index('track_reposts_track_created_idx').on(t.trackId, t.createdAt),
    // The user's side: their reposts list and the per-hour and per-day caps.
    index('track_reposts_user_created_idx').on(t.userId, t.createdAt),
  ],
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
    search: tsvector('search').generatedAlwaysAs(weightedDocument(['name'], ['description'])),
  },
  (t) => [
    index('albums_created_idx').on(t.createdAt, t.id),
    index('albums_search_idx').using('gin', t.search),
    trigramIndex('albums_name_trgm_idx', t.name),
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
    search: tsvector('search').generatedAlwaysAs(weightedDocument(['name'], ['description'])),
  },
  (t) => [
    index('playlists_search_idx').using('gin', t.search),
    trigramIndex('playlists_name_trgm_idx', t.name),
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

// Commerce and licensing (issue 13). Money is held in integer minor units; the contract
// serialises it as the documents say (decimal major units, or `amountMinor` in finances).

/** An artist's payout account at the payment provider (Stripe Connect, or the local provider's). */
export const payoutAccounts = pgTable(
  'payout_accounts',
  {
    artistId: integer('artist_id')
      .primaryKey()
      .references(() => artists.id, { onDelete: 'cascade' }),
    /** The provider's account id (`acct_…`). */
    accountId: text('account_id').notNull(),
    /** ISO 3166-1 alpha-2, upper case. */
    country: text('country').notNull(),
    detailsSubmitted: boolean('details_submitted').notNull().default(false),
    chargesEnabled: boolean('charges_enabled').notNull().default(false),
    payoutsEnabled: boolean('payouts_enabled').notNull().default(false),
    /** What the provider still asks of the artist (requirement names), empty when nothing is due. */
    requirementsDue: jsonb('requirements_due').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payout_accounts_account_unique').on(t.accountId),
    ...maxLengths('payout_accounts', [
      [t.accountId, 255],
      [t.country, 2],
    ]),
  ],
);

/** A buyer's purchase of a license for a track, priced once at initiation. */
export const purchases = pgTable(
  'purchases',
  {
    id: serial('id').primaryKey(),
    buyerId: integer('buyer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'restrict' }),
    /** The selling artist (the track's primary artist) whose payout account is paid. */
    artistId: integer('artist_id')
      .notNull()
      .references(() => artists.id, { onDelete: 'restrict' }),
    /** `non_exclusive` or `exclusive`. */
    licenseType: text('license_type').notNull(),
    /** `pending`, `succeeded`, `failed` or `refunded`. */
    status: text('status').notNull().default('pending'),
    currency: text('currency').notNull(),
    trackPriceMinor: integer('track_price_minor').notNull(),
    platformFeeMinor: integer('platform_fee_minor').notNull(),
    /** The rate in basis points (1200 = 12%) and the flat part, as applied to this purchase. */
    platformFeeRateBps: integer('platform_fee_rate_bps').notNull(),
    platformFeeFlatMinor: integer('platform_fee_flat_minor').notNull(),
    platformFeeWaived: boolean('platform_fee_waived').notNull().default(false),
    /** The seller's plan that waived the fee, if one did. */
    platformFeePlanId: text('platform_fee_plan_id'),
    totalMinor: integer('total_minor').notNull(),
    artistAmountMinor: integer('artist_amount_minor').notNull(),
    refundedMinor: integer('refunded_minor').notNull().default(0),
    /** The provider's payment intent (`pi_…`). */
    paymentIntentId: text('payment_intent_id'),
    /** Why the payment failed or was refunded, in words the buyer can read. */
    failureMessage: text('failure_message'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    succeededAt: timestamp('succeeded_at', { withTimezone: true, mode: 'date' }),
    refundedAt: timestamp('refunded_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('purchases_payment_intent_unique').on(t.paymentIntentId),
    index('purchases_buyer_created_idx').on(t.buyerId, t.createdAt, t.id),
    index('purchases_artist_created_idx').on(t.artistId, t.createdAt, t.id),
    // One open or completed purchase per buyer, track and license: a second initiate reuses it.
    uniqueIndex('purchases_buyer_track_open_unique').on(t.buyerId, t.trackId, t.licenseType).where(sql`${t.status} in ('pending', 'succeeded')`),
    // An exclusive is sold once, whatever races to buy it.
    uniqueIndex('purchases_exclusive_sold_unique').on(t.trackId).where(sql`${t.licenseType} = 'exclusive' and ${t.status} = 'succeeded'`),
    check('purchases_license_type', sql`${t.licenseType} in ('non_exclusive', 'exclusive')`),
    check('purchases_status', sql`${t.status} in ('pending', 'succeeded', 'failed', 'refunded')`),
    check(
      'purchases_amounts',
      sql`${t.trackPriceMinor} >= 0 and ${t.platformFeeMinor} >= 0 and ${t.artistAmountMinor} >= 0 and ${t.totalMinor} = ${t.platformFeeMinor} + ${t.artistAmountMinor} and ${t.refundedMinor} between 0 and ${t.totalMinor}`,
    ),
    ...maxLengths('purchases', [
      [t.currency, 3],
      [t.paymentIntentId, 255],
      [t.failureMessage, 500],
      [t.platformFeePlanId, 50],
    ]),
  ],
);

/** A license certificate: issued by a succeeded purchase (or a subscriber's download), verifiable by UUID. */
export const licenses = pgTable(
  'licenses',
  {
    id: serial('id').primaryKey(),
    uuid: uuid('uuid').notNull().defaultRandom(),
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    /** The licensee. */
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purchaseId: integer('purchase_id').references(() => purchases.id, { onDelete: 'set null' }),
    /** `non_exclusive` or `exclusive`. */
    licenseType: text('license_type').notNull(),
    /** `active` or `revoked` (`expired` is derived from `expires_at`). */
    status: text('status').notNull().default('active'),
    /** What the certificate states, fixed at issue: track name, artists, licensee name and email, terms. */
    terms: jsonb('terms').$type<Record<string, unknown>>().notNull(),
    /** SHA-256 of the certificate's content at issue; verification recomputes it. */
    integrityHash: text('integrity_hash').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokedReason: text('revoked_reason'),
    revokedBy: integer('revoked_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('licenses_uuid_unique').on(t.uuid),
    uniqueIndex('licenses_purchase_unique').on(t.purchaseId),
    index('licenses_user_track_idx').on(t.userId, t.trackId),
    index('licenses_track_idx').on(t.trackId),
    check('licenses_license_type', sql`${t.licenseType} in ('non_exclusive', 'exclusive')`),
    check('licenses_status', sql`${t.status} in ('active', 'revoked')`),
    ...maxLengths('licenses', [
      [t.revokedReason, 500],
      [t.integrityHash, 64],
    ]),
  ],
);

/** A producer's saved exclusive-license terms, applied to tracks that name it. */
export const exclusiveLicensePresets = pgTable(
  'exclusive_license_presets',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    isDefault: boolean('is_default').notNull().default(false),
    /** An ExclusiveLicenseConfig as the spec describes it. */
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('exclusive_license_presets_user_idx').on(t.userId, t.id),
    // One default per user, also when two set-default calls race.
    uniqueIndex('exclusive_license_presets_one_default').on(t.userId).where(sql`${t.isDefault}`),
    ...maxLengths('exclusive_license_presets', [
      [t.name, 100],
      [t.description, 1000],
    ]),
  ],
);

/** Discount codes for subscription checkout (BeatPass applies them to plans, not to track sales). */
export const coupons = pgTable(
  'coupons',
  {
    id: serial('id').primaryKey(),
    /** Upper case, as BeatPass stores and compares them. */
    code: text('code').notNull(),
    /** `percentage` or `fixed`. */
    type: text('type').notNull(),
    /** Percent off (1–100) for `percentage`; minor units off for `fixed`. */
    amount: integer('amount').notNull(),
    currency: text('currency').notNull().default('USD'),
    /** When set, only this user may redeem it. */
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** When set, only these plan products (`classic`, `plus`, `pro`) are eligible. */
    productIds: jsonb('product_ids').$type<string[]>(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('coupons_code_unique').on(t.code),
    check('coupons_type', sql`${t.type} in ('percentage', 'fixed')`),
    check('coupons_amount', sql`(${t.type} = 'percentage' and ${t.amount} between 1 and 100) or (${t.type} = 'fixed' and ${t.amount} between 1 and 100000000)`),
    ...maxLengths('coupons', [
      [t.code, 50],
      [t.currency, 3],
    ]),
  ],
);

/**
 * The local payment provider's payment intents, kept in the database so that every instance
 * (and a restart) sees the same state; the Stripe provider keeps none.
 */
export const localPaymentIntents = pgTable('local_payment_intents', {
  id: text('id').primaryKey(),
  clientSecret: text('client_secret').notNull(),
  amount: integer('amount').notNull(),
  currency: text('currency').notNull(),
  /** Stripe's statuses: `requires_payment_method`, `succeeded`, `canceled`. */
  status: text('status').notNull(),
  metadata: jsonb('metadata').$type<Record<string, string>>().notNull().default({}),
  /** The connected account the artist's share is transferred to. */
  destination: text('destination'),
  applicationFee: integer('application_fee').notNull().default(0),
  chargeId: text('charge_id'),
  amountRefunded: integer('amount_refunded').notNull().default(0),
  lastPaymentError: jsonb('last_payment_error').$type<{ code: string; decline_code?: string; message: string }>(),
  createdAt: createdAt(),
});

/** Webhook events that took effect: each event id once, also across instances. */
export const processedWebhookEvents = pgTable('processed_webhook_events', {
  eventId: text('event_id').primaryKey(),
  type: text('type').notNull(),
  processedAt: timestamp('processed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Payouts to an artist's account, as the provider reports them. */
export const payouts = pgTable(
  'payouts',
  {
    id: text('id').primaryKey(),
    artistId: integer('artist_id')
      .notNull()
      .references(() => artists.id, { onDelete: 'cascade' }),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    /** `pending`, `paid` or `failed`. */
    status: text('status').notNull(),
    failureMessage: text('failure_message'),
    arrivalDate: timestamp('arrival_date', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('payouts_artist_created_idx').on(t.artistId, t.createdAt)],
);

// ---------------------------------------------------------------------------------------
// The social graph (issue 14). Counts shown on tracks (likes, reposts) are columns updated in
// the same transaction as the edge they count, only when the insert or delete took effect;
// every other count (followers, following, likes of albums and artists) is counted on read.

/** A user following another user; nobody follows themselves. */
export const userFollows = pgTable(
  'user_follows',
  {
    followerId: integer('follower_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    followedId: integer('followed_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.followerId, t.followedId] }),
    index('user_follows_followed_idx').on(t.followedId, t.createdAt),
    check('user_follows_not_self', sql`${t.followerId} <> ${t.followedId}`),
  ],
);

/** An album in a user's library (liked). */
export const albumLikes = pgTable(
  'album_likes',
  {
    albumId: integer('album_id')
      .notNull()
      .references(() => albums.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.albumId, t.userId] }), index('album_likes_user_created_idx').on(t.userId, t.createdAt)],
);

/** An artist in a user's library (liked; following is `artist_followers`). */
export const artistLikes = pgTable(
  'artist_likes',
  {
    artistId: integer('artist_id')
      .notNull()
      .references(() => artists.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.artistId, t.userId] }), index('artist_likes_user_created_idx').on(t.userId, t.createdAt)],
);

/** A user's repost of an album, at most one each (tracks: `track_reposts`). */
export const albumReposts = pgTable(
  'album_reposts',
  {
    albumId: integer('album_id')
      .notNull()
      .references(() => albums.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.albumId, t.userId] }), index('album_reposts_user_created_idx').on(t.userId, t.createdAt)],
);

/** A user's named set of tracks; `featured` ones are picked by the platform (the seed). */
export const collections = pgTable(
  'collections',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    featured: boolean('featured').notNull().default(false),
    plays: integer('plays').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('collections_user_idx').on(t.userId, t.id),
    ...maxLengths('collections', [
      [t.name, 255],
      [t.description, 1000],
    ]),
  ],
);

export const collectionTracks = pgTable(
  'collection_tracks',
  {
    collectionId: integer('collection_id')
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    trackId: integer('track_id')
      .notNull()
      .references(() => tracks.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.collectionId, t.trackId] }), index('collection_tracks_track_idx').on(t.trackId)],
);
