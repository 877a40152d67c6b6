import type { Db } from '../../db/connection.js';
import type { DomainHandlers } from '../handler-types.js';
import { invalidField } from '../responses.js';
import { createDeveloperToken, deleteDeveloperToken, listDeveloperTokens } from './repository.js';
import { serializeDeveloperToken } from './serializers.js';

export function createDeveloperTokenHandlers(db: Db): DomainHandlers<'listDeveloperTokens' | 'createDeveloperToken' | 'revokeDeveloperToken'> {
  return {
    async listDeveloperTokens({ auth }) {
      const tokens = await listDeveloperTokens(db, auth.user!.id);
      return { status: 200, body: { tokens: tokens.map(serializeDeveloperToken) } };
    },

    async createDeveloperToken({ body, auth }) {
      const user = auth.user!;
      if (!user.developerAccess) {
        return { status: 403, body: { message: 'Developer access has not been granted to this account. Contact contact@beatpass.ca.' } };
      }
      const name = body.name.trim();
      if (name.length < 3) return invalidField('name', 'The name field must be at least 3 characters.');
      const { token, plainText } = await createDeveloperToken(db, user.id, name);
      return { status: 201, body: { token: serializeDeveloperToken(token), plain_text_token: plainText } };
    },

    async revokeDeveloperToken({ params, auth }) {
      const deleted = await deleteDeveloperToken(db, auth.user!.id, params.token_id);
      if (!deleted) return { status: 404, body: { message: 'Developer token not found.' } };
      return { status: 204, body: undefined };
    },
  };
}
