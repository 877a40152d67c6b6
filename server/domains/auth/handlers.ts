// The sign-in flows: the web app's session cookie (csrf-cookie → login → optional
// two-factor challenge → logout) and the token sign-in and registration for apps.
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { uniqueViolation } from '../../db/errors.js';
import { users } from '../../db/schema.js';
import { SESSION_COOKIE, XSRF_COOKIE, serializeCookie } from '../../http/cookies.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { forbidden, invalidField } from '../../contract/responses.js';
import type { CallerSession, RequestContext } from '../../http/request-context.js';
import { TOKEN_LIMIT_MESSAGE, createDeveloperToken } from '../developer-tokens/repository.js';
import { emailOrUsernameTaken, findUserByEmail, insertUser, type UserRow } from '../users/repository.js';
import { serializeUser } from '../users/serializers.js';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords.js';
import {
  PENDING_TWO_FACTOR_SECONDS,
  SESSION_IDLE_SECONDS,
  SESSION_REMEMBER_SECONDS,
  WRONG_CODES_PER_PENDING_SIGN_IN,
  createSession,
  deleteSession,
  recordWrongCode,
  type SessionOwner,
} from './sessions.js';
import { hashRecoveryCode, totpStep } from './two-factor.js';

const INVALID_CREDENTIALS = 'These credentials do not match our records.';
const DISABLED = 'This account has been disabled.';
const NO_PENDING_SIGN_IN = 'No sign-in is waiting for a two-factor code. Sign in again.';
const EMAIL_TAKEN = 'The email has already been taken.';
const USERNAME_TAKEN = 'The username has already been taken.';

export function createAuthHandlers(db: Db, options: { secureCookies: boolean }): TagHandlers<'Authentication'> {
  const secure = options.secureCookies;
  /** The session cookie and the XSRF-TOKEN cookie holding that session's CSRF token. */
  const sessionCookies = ({ cookieValue, csrfToken }: { cookieValue: string; csrfToken: string }, lifetime: number) => [
    serializeCookie(SESSION_COOKIE, cookieValue, { secure, httpOnly: true, maxAgeSeconds: lifetime }),
    serializeCookie(XSRF_COOKIE, csrfToken, { secure, maxAgeSeconds: lifetime }),
  ];

  /** Checks a password without revealing, by timing, whether the email exists. */
  async function authenticate(email: string, password: string): Promise<UserRow | undefined> {
    const user = await findUserByEmail(db, email);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    return user && ok ? user : undefined;
  }

  /** A new session id at every sign-in step, so a planted or stolen pre-login id is worthless. */
  async function rotateSession(ctx: Pick<RequestContext, 'session'>, owner: SessionOwner, lifetime: number) {
    if (ctx.session) await deleteSession(db, ctx.session.id);
    return sessionCookies(await createSession(db, owner, lifetime), lifetime);
  }

  /** A wrong code or recovery code: counted, and the last one allowed ends the pending sign-in. */
  async function wrongCode(pending: CallerSession, field: 'code' | 'recovery_code', message: string) {
    if ((await recordWrongCode(db, pending.id)) < WRONG_CODES_PER_PENDING_SIGN_IN) return invalidField(field, message);
    // The pending sign-in becomes a guest session: the next attempt must start with the password.
    const cookies = await rotateSession({ session: pending }, 'guest', SESSION_IDLE_SECONDS);
    return { ...invalidField(field, `${message} Too many wrong codes, sign in again.`), headers: { 'Set-Cookie': cookies } };
  }

  return {
    async getCsrfCookie({ auth }) {
      // As in Laravel, the token belongs to the session: a caller without one gets a guest session.
      const live = auth.session?.csrfToken;
      const cookies = live
        ? [serializeCookie(XSRF_COOKIE, live, { secure, maxAgeSeconds: Math.ceil((auth.session!.expiresAt.getTime() - Date.now()) / 1000) })]
        : sessionCookies(await createSession(db, 'guest', SESSION_IDLE_SECONDS), SESSION_IDLE_SECONDS);
      return { status: 204, body: undefined, headers: { 'Set-Cookie': cookies } };
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

      const pending = auth.session!;
      if (body.code !== undefined) {
        const step = totpStep(user.twoFactorSecret, body.code);
        // Recording the step in the same statement that checks it means a code signs in once,
        // even when two pending sign-ins race with it.
        const claimed =
          step !== null &&
          (
            await db
              .update(users)
              .set({ twoFactorLastStep: step })
              .where(and(eq(users.id, user.id), or(isNull(users.twoFactorLastStep), lt(users.twoFactorLastStep, step))))
              .returning({ id: users.id })
          ).length > 0;
        if (!claimed) return wrongCode(pending, 'code', 'The provided two factor authentication code was invalid.');
      } else {
        // Removing the code in the same statement that checks it means a code works once,
        // even when two requests race with it.
        const hash = hashRecoveryCode(body.recovery_code!);
        const used = await db
          .update(users)
          .set({ twoFactorRecoveryCodes: sql`${users.twoFactorRecoveryCodes} - ${hash}::text` })
          .where(and(eq(users.id, user.id), sql`${users.twoFactorRecoveryCodes} ? ${hash}::text`))
          .returning({ id: users.id });
        if (used.length === 0) return wrongCode(pending, 'recovery_code', 'The provided two factor recovery code was invalid.');
      }
      const cookies = await rotateSession(auth, { userId: user.id }, SESSION_IDLE_SECONDS);
      return { status: 200, body: { two_factor: false, user: serializeUser(user, true) }, headers: { 'Set-Cookie': cookies } };
    },

    async logout({ auth }) {
      // A fresh guest session, so the next sign-in needs no new csrf-cookie call.
      return { status: 204, body: undefined, headers: { 'Set-Cookie': await rotateSession(auth, 'guest', SESSION_IDLE_SECONDS) } };
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
          const created = await createDeveloperToken(tx, user.id, body.token_name);
          // A new account holds no token yet: it cannot be at the limit.
          if (created === 'limit-reached') throw new Error('a new account is at its developer token limit');
          return { user, accessToken: created.plainText };
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
      const created = await createDeveloperToken(db, user.id, body.token_name);
      if (created === 'limit-reached') return invalidField('token_name', TOKEN_LIMIT_MESSAGE);
      const { plainText } = created;
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
