// Playlists, their tracks, followers, editors and invitations. Writes that check a limit
// (100 playlists a user, 500 tracks a playlist, 10 editors) lock the row they count under
// (`select … for update`) in the same transaction as the insert, so concurrent requests
// cannot overshoot on PostgreSQL either.
import { and, asc, count, desc, eq, exists, gt, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { playlistEditors, playlistFollowers, playlistInvites, playlists, playlistTracks, tracks, users } from '../../db/schema.js';
import type { PageRequest } from '../../http/pagination.js';
import type { UserRow } from '../users/repository.js';

export type PlaylistRow = typeof playlists.$inferSelect;
type TrackRow = typeof tracks.$inferSelect;
type InviteRow = typeof playlistInvites.$inferSelect;

export const MAX_PLAYLISTS_PER_USER = 100;
export const MAX_TRACKS_PER_PLAYLIST = 500;
export const MAX_EDITORS = 10;
export const INVITE_TTL_MS = 7 * 24 * 3600_000;
export const REINVITE_COOLDOWN_MS = 24 * 3600_000;

export type Role = 'owner' | 'editor' | null;

export interface PlaylistDetails {
  playlist: PlaylistRow;
  owner: UserRow;
  editors: UserRow[];
  tracksCount: number;
  followersCount: number;
  following: boolean;
  role: Role;
}

export async function findPlaylist(db: Db, id: number): Promise<PlaylistRow | undefined> {
  const [row] = await db.select().from(playlists).where(eq(playlists.id, id)).limit(1);
  return row;
}

export async function roleOf(db: Db, playlist: PlaylistRow, userId: number | null): Promise<Role> {
  if (userId === null) return null;
  if (playlist.ownerId === userId) return 'owner';
  const [row] = await db
    .select({ n: count() })
    .from(playlistEditors)
    .where(and(eq(playlistEditors.playlistId, playlist.id), eq(playlistEditors.userId, userId)));
  return (row?.n ?? 0) > 0 ? 'editor' : null;
}

const visibleTo = (viewerId: number | null) =>
  viewerId === null
    ? eq(playlists.public, true)
    : or(
        eq(playlists.public, true),
        eq(playlists.ownerId, viewerId),
        exists(sql`(select 1 from ${playlistEditors} where ${playlistEditors.playlistId} = ${playlists.id} and ${playlistEditors.userId} = ${viewerId})`),
      );

export async function listVisiblePlaylists(db: Db, viewerId: number | null, page: PageRequest): Promise<{ rows: PlaylistRow[]; total: number }> {
  const where = visibleTo(viewerId);
  const [rows, [totals]] = await Promise.all([
    db.select().from(playlists).where(where).orderBy(desc(playlists.createdAt), desc(playlists.id)).limit(page.perPage).offset(page.offset),
    db.select({ total: count() }).from(playlists).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/** Owner, editors, counts and the viewer's follow and role for each playlist, keeping the order. */
export async function loadPlaylistDetails(db: Db, rows: PlaylistRow[], viewerId: number): Promise<PlaylistDetails[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((p) => p.id);
  const ownerIds = [...new Set(rows.map((p) => p.ownerId))];
  const [owners, editorRows, trackCounts, followerCounts, followed] = await Promise.all([
    db.select().from(users).where(inArray(users.id, ownerIds)),
    db
      .select({ playlistId: playlistEditors.playlistId, user: users })
      .from(playlistEditors)
      .innerJoin(users, eq(users.id, playlistEditors.userId))
      .where(inArray(playlistEditors.playlistId, ids))
      .orderBy(asc(playlistEditors.createdAt), asc(users.id)),
    db
      .select({ playlistId: playlistTracks.playlistId, n: count() })
      .from(playlistTracks)
      .where(inArray(playlistTracks.playlistId, ids))
      .groupBy(playlistTracks.playlistId),
    db
      .select({ playlistId: playlistFollowers.playlistId, n: count() })
      .from(playlistFollowers)
      .where(inArray(playlistFollowers.playlistId, ids))
      .groupBy(playlistFollowers.playlistId),
    db
      .select({ playlistId: playlistFollowers.playlistId })
      .from(playlistFollowers)
      .where(and(inArray(playlistFollowers.playlistId, ids), eq(playlistFollowers.userId, viewerId))),
  ]);
  const ownerById = new Map(owners.map((u) => [u.id, u]));
  const editorsOf = new Map<number, UserRow[]>();
  for (const { playlistId, user } of editorRows) editorsOf.set(playlistId, [...(editorsOf.get(playlistId) ?? []), user]);
  const tracksOf = new Map(trackCounts.map((r) => [r.playlistId, r.n]));
  const followersOf = new Map(followerCounts.map((r) => [r.playlistId, r.n]));
  const following = new Set(followed.map((r) => r.playlistId));
  return rows.map((playlist) => {
    const editors = editorsOf.get(playlist.id) ?? [];
    const role: Role = playlist.ownerId === viewerId ? 'owner' : editors.some((u) => u.id === viewerId) ? 'editor' : null;
    return {
      playlist,
      owner: ownerById.get(playlist.ownerId)!,
      editors,
      tracksCount: tracksOf.get(playlist.id) ?? 0,
      followersCount: followersOf.get(playlist.id) ?? 0,
      following: following.has(playlist.id),
      role,
    };
  });
}

export async function loadOneDetails(db: Db, playlist: PlaylistRow, viewerId: number): Promise<PlaylistDetails> {
  const [details] = await loadPlaylistDetails(db, [playlist], viewerId);
  return details!;
}

export interface PlaylistValues {
  name: string;
  description: string | null;
  image: string | null;
  public: boolean;
  collaborative: boolean;
}

export async function ownerHasName(db: Db, ownerId: number, name: string, exceptId?: number): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(playlists)
    .where(
      and(
        eq(playlists.ownerId, ownerId),
        sql`lower(${playlists.name}) = lower(${name})`,
        exceptId === undefined ? undefined : sql`${playlists.id} <> ${exceptId}`,
      ),
    );
  return (row?.n ?? 0) > 0;
}

/** Inserts a playlist unless the owner already has the maximum; the owner's row is locked meanwhile. */
export async function createPlaylist(db: Db, ownerId: number, values: PlaylistValues): Promise<PlaylistRow | 'limit'> {
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, ownerId)).for('update');
    const [owned] = await tx.select({ n: count() }).from(playlists).where(eq(playlists.ownerId, ownerId));
    if ((owned?.n ?? 0) >= MAX_PLAYLISTS_PER_USER) return 'limit' as const;
    const [row] = await tx
      .insert(playlists)
      .values({ ownerId, ...values })
      .returning();
    return row!;
  });
}

export async function updatePlaylist(db: Db, id: number, values: Partial<PlaylistValues>): Promise<PlaylistRow> {
  const [row] = await db
    .update(playlists)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(playlists.id, id))
    .returning();
  return row!;
}

export async function findPlaylists(db: Db, ids: number[]): Promise<PlaylistRow[]> {
  return db.select().from(playlists).where(inArray(playlists.id, ids));
}

/** The ids among `ids` the user edits (accepted editor). */
export async function editedPlaylistIds(db: Db, userId: number, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: playlistEditors.playlistId })
    .from(playlistEditors)
    .where(and(inArray(playlistEditors.playlistId, ids), eq(playlistEditors.userId, userId)));
  return new Set(rows.map((r) => r.id));
}

export async function deletePlaylists(db: Db, ids: number[]): Promise<void> {
  await db.delete(playlists).where(inArray(playlists.id, ids));
}

// Tracks ------------------------------------------------------------------------------------

export async function listPlaylistTracks(db: Db, playlistId: number, page: PageRequest): Promise<{ rows: TrackRow[]; total: number }> {
  const [rows, [totals]] = await Promise.all([
    db
      .select({ track: tracks })
      .from(playlistTracks)
      .innerJoin(tracks, eq(tracks.id, playlistTracks.trackId))
      .where(eq(playlistTracks.playlistId, playlistId))
      .orderBy(asc(playlistTracks.position), asc(playlistTracks.trackId))
      .limit(page.perPage)
      .offset(page.offset),
    db.select({ total: count() }).from(playlistTracks).where(eq(playlistTracks.playlistId, playlistId)),
  ]);
  return { rows: rows.map((r) => r.track), total: totals?.total ?? 0 };
}

/** Total duration in ms, or null for an empty playlist. */
export async function totalDuration(db: Db, playlistId: number): Promise<number | null> {
  const [row] = await db
    .select({ ms: sql<number | null>`sum(${tracks.durationMs})::float8` })
    .from(playlistTracks)
    .innerJoin(tracks, eq(tracks.id, playlistTracks.trackId))
    .where(eq(playlistTracks.playlistId, playlistId));
  return row?.ms ?? null;
}

/** Indexes (in `ids`) of the ids that are not existing tracks. */
export async function missingTrackIndexes(db: Db, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  const found = new Set((await db.select({ id: tracks.id }).from(tracks).where(inArray(tracks.id, unique))).map((r) => r.id));
  return ids.flatMap((id, i) => (found.has(id) ? [] : [i]));
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function lockPlaylist(tx: Tx, playlistId: number): Promise<boolean> {
  const rows = await tx.select({ id: playlists.id }).from(playlists).where(eq(playlists.id, playlistId)).for('update');
  return rows.length > 0;
}

async function touch(tx: Tx, playlistId: number): Promise<void> {
  await tx.update(playlists).set({ updatedAt: new Date() }).where(eq(playlists.id, playlistId));
}

/**
 * Appends the tracks not yet in the playlist, in the order given. The playlist row is locked
 * while the count is checked and the positions assigned, so concurrent adds neither exceed
 * the limit nor share positions.
 */
export async function addTracks(
  db: Db,
  playlistId: number,
  trackIds: number[],
  userId: number,
): Promise<{ added: number; duplicates: number } | 'full' | 'gone'> {
  return db.transaction(async (tx) => {
    if (!(await lockPlaylist(tx, playlistId))) return 'gone' as const;
    const current = await tx
      .select({ trackId: playlistTracks.trackId, position: playlistTracks.position })
      .from(playlistTracks)
      .where(eq(playlistTracks.playlistId, playlistId));
    const present = new Set(current.map((r) => r.trackId));
    const fresh = [...new Set(trackIds)].filter((id) => !present.has(id));
    const duplicates = trackIds.length - fresh.length;
    if (current.length + fresh.length > MAX_TRACKS_PER_PLAYLIST) return 'full' as const;
    if (fresh.length > 0) {
      const next = current.reduce((max, r) => Math.max(max, r.position), -1) + 1;
      await tx.insert(playlistTracks).values(fresh.map((trackId, i) => ({ playlistId, trackId, position: next + i, addedBy: userId })));
      await touch(tx, playlistId);
    }
    return { added: fresh.length, duplicates };
  });
}

/** Removes tracks and closes the gaps, keeping the order of the others. */
export async function removeTracks(db: Db, playlistId: number, trackIds: number[]): Promise<number | 'gone'> {
  return db.transaction(async (tx) => {
    if (!(await lockPlaylist(tx, playlistId))) return 'gone' as const;
    const removed = await tx
      .delete(playlistTracks)
      .where(and(eq(playlistTracks.playlistId, playlistId), inArray(playlistTracks.trackId, [...new Set(trackIds)])))
      .returning({ trackId: playlistTracks.trackId });
    if (removed.length > 0) {
      await tx.execute(sql`
        update ${playlistTracks} as pt set position = r.rn - 1
        from (select track_id, row_number() over (order by position, track_id) as rn
              from ${playlistTracks} where playlist_id = ${playlistId}) as r
        where pt.playlist_id = ${playlistId} and pt.track_id = r.track_id and pt.position <> r.rn - 1`);
      await touch(tx, playlistId);
    }
    return removed.length;
  });
}

/** Sets the order; `trackIds` must be exactly the playlist's tracks (else 'mismatch'). */
export async function reorderTracks(db: Db, playlistId: number, trackIds: number[]): Promise<'ok' | 'mismatch' | 'gone'> {
  return db.transaction(async (tx) => {
    if (!(await lockPlaylist(tx, playlistId))) return 'gone' as const;
    const current = await tx.select({ trackId: playlistTracks.trackId }).from(playlistTracks).where(eq(playlistTracks.playlistId, playlistId));
    const present = new Set(current.map((r) => r.trackId));
    const unique = new Set(trackIds);
    if (unique.size !== trackIds.length || trackIds.length !== present.size || trackIds.some((id) => !present.has(id))) {
      return 'mismatch' as const;
    }
    // Ids are validated integers, so the array literal is safe to build.
    const order = `{${trackIds.join(',')}}`;
    await tx.execute(sql`
      update ${playlistTracks} as pt set position = o.ord - 1
      from unnest(${order}::int[]) with ordinality as o(track_id, ord)
      where pt.playlist_id = ${playlistId} and pt.track_id = o.track_id`);
    await touch(tx, playlistId);
    return 'ok' as const;
  });
}

// Followers -------------------------------------------------------------------------------

/** false when the user already follows it. */
export async function follow(db: Db, playlistId: number, userId: number): Promise<boolean> {
  const rows = await db.insert(playlistFollowers).values({ playlistId, userId }).onConflictDoNothing().returning({ userId: playlistFollowers.userId });
  return rows.length > 0;
}

/** false when the user did not follow it. */
export async function unfollow(db: Db, playlistId: number, userId: number): Promise<boolean> {
  const rows = await db
    .delete(playlistFollowers)
    .where(and(eq(playlistFollowers.playlistId, playlistId), eq(playlistFollowers.userId, userId)))
    .returning({ userId: playlistFollowers.userId });
  return rows.length > 0;
}

// Editors and invitations ---------------------------------------------------------------------

export async function isEditor(db: Db, playlistId: number, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(playlistEditors)
    .where(and(eq(playlistEditors.playlistId, playlistId), eq(playlistEditors.userId, userId)));
  return (row?.n ?? 0) > 0;
}

export async function latestInvite(db: Db, playlistId: number, userId: number): Promise<InviteRow | undefined> {
  const [row] = await db
    .select()
    .from(playlistInvites)
    .where(and(eq(playlistInvites.playlistId, playlistId), eq(playlistInvites.userId, userId)))
    .orderBy(desc(playlistInvites.createdAt), desc(playlistInvites.id))
    .limit(1);
  return row;
}

export type InviteOutcome =
  | { kind: 'invited' }
  | { kind: 'already-editor' }
  | { kind: 'pending' }
  | { kind: 'cooldown'; retryAfter: number }
  | { kind: 'max-editors' }
  | { kind: 'gone' };

/**
 * Invites a user, checking under the playlist's row lock that they are not an editor, have
 * no live invitation, were not invited in the last 24 hours, and that editors plus live
 * invitations stay within 10.
 */
export async function invite(db: Db, playlistId: number, userId: number, invitedBy: number, now = new Date()): Promise<InviteOutcome> {
  return db.transaction(async (tx) => {
    if (!(await lockPlaylist(tx, playlistId))) return { kind: 'gone' as const };
    if (await isEditor(tx, playlistId, userId)) return { kind: 'already-editor' as const };
    const last = await latestInvite(tx, playlistId, userId);
    if (last && last.status === 'pending' && last.expiresAt > now) return { kind: 'pending' as const };
    if (last && now.getTime() - last.createdAt.getTime() < REINVITE_COOLDOWN_MS) {
      const retryAfter = Math.ceil((last.createdAt.getTime() + REINVITE_COOLDOWN_MS - now.getTime()) / 1000);
      return { kind: 'cooldown' as const, retryAfter };
    }
    const [editors] = await tx.select({ n: count() }).from(playlistEditors).where(eq(playlistEditors.playlistId, playlistId));
    const [pending] = await tx
      .select({ n: count() })
      .from(playlistInvites)
      .where(and(eq(playlistInvites.playlistId, playlistId), eq(playlistInvites.status, 'pending'), gt(playlistInvites.expiresAt, now)));
    if ((editors?.n ?? 0) + (pending?.n ?? 0) >= MAX_EDITORS) return { kind: 'max-editors' as const };
    await tx.insert(playlistInvites).values({
      playlistId,
      userId,
      invitedBy,
      status: 'pending',
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
    });
    return { kind: 'invited' as const };
  });
}

export type AcceptOutcome = 'accepted' | 'already-accepted' | 'expired' | 'none';

export async function acceptInvite(db: Db, playlistId: number, userId: number, now = new Date()): Promise<AcceptOutcome> {
  return db.transaction(async (tx) => {
    if (!(await lockPlaylist(tx, playlistId))) return 'none' as const;
    if (await isEditor(tx, playlistId, userId)) return 'already-accepted' as const;
    const last = await latestInvite(tx, playlistId, userId);
    if (last?.status !== 'pending') return 'none' as const;
    if (last.expiresAt <= now) return 'expired' as const;
    await tx.insert(playlistEditors).values({ playlistId, userId }).onConflictDoNothing();
    await tx.update(playlistInvites).set({ status: 'accepted', respondedAt: now }).where(eq(playlistInvites.id, last.id));
    return 'accepted' as const;
  });
}

/** Declines the user's pending invitations (expired ones too); false when there was none. */
export async function declineInvite(db: Db, playlistId: number, userId: number, now = new Date()): Promise<boolean> {
  const rows = await db
    .update(playlistInvites)
    .set({ status: 'declined', respondedAt: now })
    .where(and(eq(playlistInvites.playlistId, playlistId), eq(playlistInvites.userId, userId), eq(playlistInvites.status, 'pending')))
    .returning({ id: playlistInvites.id });
  return rows.length > 0;
}

/** Removes an editor and cancels their pending invitations; false when they were not an editor. */
export async function removeEditor(db: Db, playlistId: number, userId: number, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .delete(playlistEditors)
      .where(and(eq(playlistEditors.playlistId, playlistId), eq(playlistEditors.userId, userId)))
      .returning({ userId: playlistEditors.userId });
    if (rows.length === 0) return false;
    await tx
      .update(playlistInvites)
      .set({ status: 'declined', respondedAt: now })
      .where(and(eq(playlistInvites.playlistId, playlistId), eq(playlistInvites.userId, userId), eq(playlistInvites.status, 'pending')));
    await touch(tx, playlistId);
    return true;
  });
}
