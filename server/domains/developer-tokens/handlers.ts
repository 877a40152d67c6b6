import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { forbidden, invalidField, notFound } from '../../contract/responses.js';
import { TOKEN_LIMIT_MESSAGE, createDeveloperToken, deleteDeveloperToken, listDeveloperTokens } from './repository.js';
import { serializeDeveloperToken } from './serializers.js';

export function createDeveloperTokenHandlers(db: Db): TagHandlers<'Developer tokens'> {
  return {
    async listDeveloperTokens({ auth }) {
      const tokens = await listDeveloperTokens(db, auth.user.id);
      return { status: 200, body: { tokens: tokens.map(serializeDeveloperToken) } };
    },

    async createDeveloperToken({ body, auth }) {
      const user = auth.user;
      if (!user.developerAccess) {
        return forbidden('Developer access has not been granted to this account. Contact contact@beatpass.ca.');
      }
      const name = body.name.trim();
      if (name.length < 3) return invalidField('name', 'The name field must be at least 3 characters.');
      const created = await createDeveloperToken(db, user.id, name);
      if (created === 'limit-reached') return invalidField('name', TOKEN_LIMIT_MESSAGE);
      const { token, plainText } = created;
      return { status: 201, body: { token: serializeDeveloperToken(token), plain_text_token: plainText } };
    },

    async revokeDeveloperToken({ params, auth }) {
      const deleted = await deleteDeveloperToken(db, auth.user.id, params.token_id);
      if (!deleted) return notFound('Developer token');
      return { status: 204, body: undefined };
    },
  };
}
