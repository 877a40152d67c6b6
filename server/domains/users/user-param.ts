// The `user_id` path parameter of user routes: `me` (the caller) or up to ten digits, as the
// contract's pattern has already checked. Shared by the Users and Following domains.
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

/** The 401 an optional-auth route answers for `me` without a caller, in the shared `Unauthenticated` body. */
export const unauthenticated = () => ({ status: 401 as const, headers: { 'WWW-Authenticate': 'Bearer' }, body: { message: 'Unauthenticated.' } });
