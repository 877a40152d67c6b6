// The relational model, shared by PGlite (embedded) and PostgreSQL. Migrations under
// server/db/migrations are generated from this file by drizzle-kit.
import { sql } from 'drizzle-orm';
import {
  boolean, customType, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  email: text('email').notNull(),
  username: text('username'),
  displayName: text('display_name').notNull(),
  avatar: text('avatar'),
  passwordHash: text('password_hash').notNull(),
  twoFactorSecret: text('two_factor_secret'),
  /** SHA-256 hashes of the unused recovery codes. */
  twoFactorRecoveryCodes: jsonb('two_factor_recovery_codes').$type<string[]>().notNull().default([]),
  developerAccess: boolean('developer_access').notNull().default(false),
  disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
  uniqueIndex('users_username_unique').on(sql`lower(${t.username})`),
]);

export const sessions = pgTable('sessions', {
  /** SHA-256 of the cookie value, so a database leak does not leak live sessions. */
  id: text('id').primaryKey(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  /** Set while a sign-in waits for its two-factor code. */
  pendingUserId: integer('pending_user_id').references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

export const developerTokens = pgTable('developer_tokens', {
  id: serial('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  /** SHA-256 of the secret part; the plaintext is shown once and never stored. */
  tokenHash: text('token_hash').notNull(),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
}, (t) => [uniqueIndex('developer_tokens_hash_unique').on(t.tokenHash), index('developer_tokens_user_idx').on(t.userId)]);

export const genres = pgTable('genres', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  displayName: text('display_name').notNull(),
});

export const tags = pgTable('tags', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
});

export const artists = pgTable('artists', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
  imageSmall: text('image_small'),
  verified: boolean('verified').notNull().default(false),
  bio: text('bio'),
  website: text('website'),
  createdAt: createdAt(),
});

export const artistFollowers = pgTable('artist_followers', {
  artistId: integer('artist_id').notNull().references(() => artists.id, { onDelete: 'cascade' }),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.artistId, t.userId] })]);

export const tracks = pgTable('tracks', {
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
  repostsCount: integer('reposts_count').notNull().default(0),
  likesCount: integer('likes_count').notNull().default(0),
  ownerId: integer('owner_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  search: tsvector('search').generatedAlwaysAs(
    sql`to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(description, ''))`,
  ),
}, (t) => [
  index('tracks_created_idx').on(t.createdAt, t.id),
  index('tracks_search_idx').using('gin', t.search),
]);

export const trackArtists = pgTable('track_artists', {
  trackId: integer('track_id').notNull().references(() => tracks.id, { onDelete: 'cascade' }),
  artistId: integer('artist_id').notNull().references(() => artists.id, { onDelete: 'cascade' }),
  position: integer('position').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.trackId, t.artistId] }), index('track_artists_artist_idx').on(t.artistId)]);

export const trackGenres = pgTable('track_genres', {
  trackId: integer('track_id').notNull().references(() => tracks.id, { onDelete: 'cascade' }),
  genreId: integer('genre_id').notNull().references(() => genres.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.trackId, t.genreId] })]);

export const trackTags = pgTable('track_tags', {
  trackId: integer('track_id').notNull().references(() => tracks.id, { onDelete: 'cascade' }),
  tagId: integer('tag_id').notNull().references(() => tags.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.trackId, t.tagId] })]);

export const trackLikes = pgTable('track_likes', {
  trackId: integer('track_id').notNull().references(() => tracks.id, { onDelete: 'cascade' }),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.trackId, t.userId] })]);
