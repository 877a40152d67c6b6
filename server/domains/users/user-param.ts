// The `user_id` path parameter of user routes: `me` (the caller) or up to ten digits, as the
// contract's pattern has already checked. Shared by the Users and Following domains.
import { notFound, unauthenticated } from '../../contract/responses.js';
import type { Db } from '../../db/connection.js';
import { findUserById, type UserRow } from './repository.js';

const MAX_ID = 2_147_483_647;

/**
 * The user a `user_id` names: `unauthenticated` for `me` without a signed-in caller,
 * undefined for no such user. Ids beyond the column's range cannot exist: asking for one is
 * just a miss.
 */
export async function resolveUserParam(db: Db, userId: string, viewer: UserRow | null): Promise<UserRow | 'unauthenticated' | undefined> {
  if (userId === 'me') return viewer ?? 'unauthenticated';
  const id = Number(userId);
  return id <= MAX_ID ? findUserById(db, id) : undefined;
}

/**
 * The user a route about someone (their profile, lists, follow status) is asked for, or its
 * refusal: `401` for `me` without a caller, `404` for no such user.
 */
export async function namedUser(
  db: Db,
  userId: string,
  viewer: UserRow | null,
): Promise<{ user: UserRow; refusal?: undefined } | { refusal: ReturnType<typeof unauthenticated> | ReturnType<typeof notFound> }> {
  const user = await resolveUserParam(db, userId, viewer);
  if (user === 'unauthenticated') return { refusal: unauthenticated() };
  if (!user) return { refusal: notFound('User') };
  return { user };
}
