// Rows by ids that something else ranked (a search engine, radio scores, a leaderboard, a
// player queue), in that order: one query per table, ids listed twice kept once, ids without
// a row (deleted meanwhile) left out.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { albums, artists, genres, playlists, tags, tracks, users } from '../../db/schema.js';

function inOrder<T extends { id: number }>(ids: readonly number[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const distinct = (ids: readonly number[]) => [...new Set(ids)];

export async function tracksInOrder(db: Db, ids: readonly number[]): Promise<(typeof tracks.$inferSelect)[]> {
  const unique = distinct(ids);
  return unique.length === 0 ? [] : inOrder(unique, await db.select().from(tracks).where(inArray(tracks.id, unique)));
}

export async function albumsInOrder(db: Db, ids: readonly number[]): Promise<(typeof albums.$inferSelect)[]> {
  const unique = distinct(ids);
  return unique.length === 0 ? [] : inOrder(unique, await db.select().from(albums).where(inArray(albums.id, unique)));
}

export async function artistsInOrder(db: Db, ids: readonly number[]): Promise<(typeof artists.$inferSelect)[]> {
  const unique = distinct(ids);
  return unique.length === 0 ? [] : inOrder(unique, await db.select().from(artists).where(inArray(artists.id, unique)));
}

export async function genresInOrder(db: Db, ids: readonly number[]): Promise<(typeof genres.$inferSelect)[]> {
  const unique = distinct(ids);
  return unique.length === 0 ? [] : inOrder(unique, await db.select().from(genres).where(inArray(genres.id, unique)));
}

export async function playlistsInOrder(db: Db, ids: readonly number[]): Promise<(typeof playlists.$inferSelect)[]> {
  const unique = distinct(ids);
  return unique.length === 0 ? [] : inOrder(unique, await db.select().from(playlists).where(inArray(playlists.id, unique)));
}

export async function usersInOrder(db: Db, ids: readonly number[]): Promise<(typeof users.$inferSelect)[]> {
  const unique = distinct(ids);
  return unique.length === 0 ? [] : inOrder(unique, await db.select().from(users).where(inArray(users.id, unique)));
}

export async function tagsInOrder(db: Db, ids: readonly number[]): Promise<(typeof tags.$inferSelect)[]> {
  const unique = distinct(ids);
  return unique.length === 0 ? [] : inOrder(unique, await db.select().from(tags).where(inArray(tags.id, unique)));
}
