import type { Db } from '../../db/connection.js';
import type { DomainHandlers } from '../handler-types.js';
import { findUserById } from './repository.js';
import { serializeUser } from './serializers.js';

const MAX_ID = 2_147_483_647;

export function createUserHandlers(db: Db): DomainHandlers<'getUser'> {
  return {
    async getUser({ params, auth }) {
      const viewer = auth.user!;
      const id = Number(params.user_id);
      // Ids beyond the column's range cannot exist; asking for one is just a miss.
      const user = params.user_id === 'me' ? viewer : id <= MAX_ID ? await findUserById(db, id) : undefined;
      if (!user) return { status: 404, body: { message: 'User not found.' } };
      return { status: 200, body: { status: 'success', user: serializeUser(user, user.id === viewer.id) } };
    },
  };
}
