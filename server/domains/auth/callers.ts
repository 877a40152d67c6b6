// Who is calling, for the request path (server/http/request-context.ts): a bearer token or a
// session cookie, answered from the token and session tables. Disabled accounts sign nobody in.
import type { Db } from '../../db/connection.js';
import type { CallerLookup } from '../../http/request-context.js';
import { findLiveToken, markTokenUsed } from '../developer-tokens/repository.js';
import { findUserById } from '../users/repository.js';
import { findLiveSession, touchSession } from './sessions.js';

export function createCallerLookup(db: Db): CallerLookup {
  return {
    async byToken(plainText) {
      const found = await findLiveToken(db, plainText);
      if (!found || found.user.disabledAt !== null) return undefined;
      await markTokenUsed(db, found.token);
      return { user: found.user, tokenId: found.token.id };
    },
    async bySession(cookieValue) {
      const session = await findLiveSession(db, cookieValue);
      if (!session) return undefined;
      const user = session.userId === null ? undefined : await findUserById(db, session.userId);
      if (!user || user.disabledAt !== null) return { session, user: undefined };
      await touchSession(db, session);
      return { session, user };
    },
  };
}
