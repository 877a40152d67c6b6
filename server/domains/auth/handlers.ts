// The sign-in flows: the web app's session cookie (csrf-cookie → login → optional
// two-factor challenge → logout) and the token sign-in and registration for apps.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { uniqueViolation } from '../../db/errors.js';
import { users } from '../../db/schema.js';
import { SESSION_COOKIE, XSRF_COOKIE, clearCookie, serializeCookie } from '../../http/cookies.js';
import { randomSecret } from '../../http/hash.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { forbidden, invalidField } from '../../contract/responses.js';
import type { RequestContext } from '../../http/request-context.js';
import { createDeveloperToken } from '../developer-tokens/repository.js';
import { emailOrUsernameTaken, findUserByEmail, insertUser, type UserRow } from '../users/repository.js';
import { serializeUser } from '../users/serializers.js';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords.js';
import { PENDING_TWO_FACTOR_SECONDS, SESSION_IDLE_SECONDS, SESSION_REMEMBER_SECONDS, createSession, deleteSession } from './sessions.js';
import { hashRecoveryCode, verifyTotp } from './two-factor.js';

const INVALID_CREDENTIALS = 'These credentials do not match our records.';
const DISABLED = 'This account has been disabled.';
const NO_PENDING_SIGN_IN = 'No sign-in is waiting for a two-factor code. Sign in again.';
const EMAIL_TAKEN = 'The email has already been taken.';
const USERNAME_TAKEN = 'The username has already been taken.';

export function createAuthHandlers(db: Db, options: { secureCookies: boolean }): TagHandlers<'Authentication'> {
  const secure = options.secureCookies;
  const xsrfCookie = () => serializeCookie(XSRF_COOKIE, randomSecret(40), { secure, maxAgeSeconds: SESSION_REMEMBER_SECONDS });

  /** Checks a password without revealing, by timing, whether the email exists. */
  async function authenticate(email: string, password: string): Promise<UserRow | undefined> {
    const user = await findUserByEmail(db, email);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    return user && ok ? user : undefined;
  }

  /** A new session id at every sign-in step, so a planted or stolen pre-login id is worthless. */
  async function rotateSession(ctx: RequestContext, owner: { userId: number } | { pendingUserId: number }, lifetime: number) {
    if (ctx.session) await deleteSession(db, ctx.session.id);
    const { cookieValue } = await createSession(db, owner, lifetime);
    return [serializeCookie(SESSION_COOKIE, cookieValue, { secure, httpOnly: true, maxAgeSeconds: lifetime }), xsrfCookie()];
  }

  return {
    async getCsrfCookie() {
      return { status: 204, body: undefined, headers: { 'Set-Cookie': [xsrfCookie()] } };
    },

    async login({ body, auth }) {
      const user = await authenticate(body.email, body.password);
      if (!user) return invalidField('email', INVALID_CREDENTIALS);
      if (user.disabledAt) return forbidden(DISABLED);
      if (user.twoFactorSecret) {
        const cookies = await rotateSession(auth, { pendingUserId: user.id }, PENDING_TWO_FACTOR_SECONDS);
        return { status: 200, body: { two_factor: true, message: 'Two factor authentication required' }, headers: { 'Set-Cookie': cookies } };
      }
      const cookies = await rotateSession(auth, { userId: user.id }, body.remember ? SESSION_REMEMBER_SECONDS : SESSION_IDLE_SECONDS);
      return { status: 200, body: { two_factor: false, user: serializeUser(user, true) }, headers: { 'Set-Cookie': cookies } };
    },

    async completeTwoFactorChallenge({ body, auth }) {
      const pendingUserId = auth.session?.pendingUserId ?? null;
      if (pendingUserId === null) return invalidField('code', NO_PENDING_SIGN_IN);
      if ((body.code === undefined) === (body.recovery_code === undefined)) {
        return invalidField('code', 'Send either the code field or the recovery_code field.');
      }
      const [user] = await db.select().from(users).where(eq(users.id, pendingUserId)).limit(1);
      if (!user?.twoFactorSecret) return invalidField('code', NO_PENDING_SIGN_IN);
      if (user.disabledAt) return invalidField('code', DISABLED);

      if (body.code !== undefined) {
        if (!verifyTotp(user.twoFactorSecret, body.code)) {
          return invalidField('code', 'The provided two factor authentication code was invalid.');
        }
      } else {
        // Removing the code in the same statement that checks it means a code works once,
        // even when two requests race with it.
        const hash = hashRecoveryCode(body.recovery_code!);
        const used = await db
          .update(users)
          .set({ twoFactorRecoveryCodes: sql`${users.twoFactorRecoveryCodes} - ${hash}::text` })
          .where(and(eq(users.id, user.id), sql`${users.twoFactorRecoveryCodes} ? ${hash}::text`))
          .returning({ id: users.id });
        if (used.length === 0) {
          return invalidField('recovery_code', 'The provided two factor recovery code was invalid.');
        }
      }
      const cookies = await rotateSession(auth, { userId: user.id }, SESSION_IDLE_SECONDS);
      return { status: 200, body: { two_factor: false, user: serializeUser(user, true) }, headers: { 'Set-Cookie': cookies } };
    },

    async logout({ auth }) {
      if (auth.session) await deleteSession(db, auth.session.id);
      return {
        status: 204,
        body: undefined,
        headers: { 'Set-Cookie': [clearCookie(SESSION_COOKIE, secure), xsrfCookie()] },
      };
    },

    async register({ body }) {
      if (body.password !== body.password_confirmation) {
        return invalidField('password', 'The password field confirmation does not match.');
      }
      const username = body.username ?? null;
      const taken = await emailOrUsernameTaken(db, body.email, username);
      if (taken.email) return invalidField('email', EMAIL_TAKEN);
      if (taken.username) return invalidField('username', USERNAME_TAKEN);
      const passwordHash = await hashPassword(body.password);
      let created: { user: UserRow; accessToken?: string };
      try {
        // The account and its first token are created together or not at all.
        created = await db.transaction(async (tx) => {
          const user = await insertUser(tx, { email: body.email, username, displayName: username ?? body.email.split('@')[0]!, passwordHash });
          if (body.token_name === undefined) return { user };
          return { user, accessToken: (await createDeveloperToken(tx, user.id, body.token_name)).plainText };
        });
      } catch (err) {
        // Two registrations racing for the same email or username: the unique index decides.
        const violation = uniqueViolation(err);
        if (violation) {
          return violation.constraint === 'users_username_unique' ? invalidField('username', USERNAME_TAKEN) : invalidField('email', EMAIL_TAKEN);
        }
        throw err;
      }
      const user = created.accessToken === undefined ? serializeUser(created.user, true) : selfWithToken(created.user, created.accessToken);
      return { status: 200, body: { status: 'success', boostrapData: { user } } };
    },

    async loginWithToken({ body }) {
      const user = await authenticate(body.email, body.password);
      if (!user) return invalidField('email', INVALID_CREDENTIALS);
      if (user.disabledAt) return forbidden(DISABLED);
      if (user.twoFactorSecret) {
        return invalidField('email', 'This account uses two-factor authentication: sign in on the web with POST /login.');
      }
      const { plainText } = await createDeveloperToken(db, user.id, body.token_name);
      return { status: 200, body: { status: 'success', user: selfWithToken(user, plainText) } };
    },
  };
}

function selfWithToken(user: UserRow, accessToken: string) {
  return {
    ...serializeUser(user, true),
    email: user.email,
    two_factor_enabled: user.twoFactorSecret !== null,
    developer_access: user.developerAccess,
    access_token: accessToken,
  };
}
