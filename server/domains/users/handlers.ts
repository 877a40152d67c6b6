import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { notFound } from '../../contract/responses.js';
import { findUserById } from './repository.js';
import { serializeUser } from './serializers.js';

const MAX_ID = 2_147_483_647;

export function createUserHandlers(db: Db): TagHandlers<'Users'> {
  /**
   * `user_id` is a string by contract (`me`, or up to ten digits the pattern has checked), so
   * the id is read from it here. Ids beyond the column's range cannot exist; asking for one is
   * just a miss.
   */
  async function findById(digits: string) {
    const id = Number(digits);
    return id <= MAX_ID ? findUserById(db, id) : undefined;
  }

  return {
    async getUser({ params, auth }) {
      const viewer = auth.user;
      const user = params.user_id === 'me' ? viewer : await findById(params.user_id);
      if (!user) return notFound('User');
      return { status: 200, body: { status: 'success', user: serializeUser(user, user.id === viewer.id) } };
    },
  };
}
