import type { Db } from '../../db/connection.js';
import type { DomainHandlers } from '../handler-types.js';
import { findUserById } from './repository.js';
import { serializeUser } from './serializers.js';

export function createUserHandlers(db: Db): DomainHandlers<'getUser'> {
  return {
    async getUser({ params, auth }) {
      const viewer = auth.user!;
      const user = params.user_id === 'me' ? viewer : await findUserById(db, Number(params.user_id));
      if (!user) return { status: 404, body: { message: 'User not found.' } };
      return { status: 200, body: { status: 'success', user: serializeUser(user, user.id === viewer.id) } };
    },
  };
}
