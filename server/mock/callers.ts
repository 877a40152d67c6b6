// Who calls the mock. It has no accounts, so it signs in whoever the sandbox would sign in
// without checking what it cannot know: any well-formed bearer token is a live token (a revoked
// or made-up one too), and a session cookie is signed in when the mock's own sign-in set it
// (kept in memory until logout or a restart, as the sandbox keeps sessions until logout or
// expiry). Any other session cookie is stale: anonymous, as on the sandbox.
import type { CallerLookup, CallerSession, CallerUser } from '../http/request-context.js';
import { randomSecret } from '../http/hash.js';

/** The signed-in caller of every mock request: the user of the spec's sign-in examples. */
const EXAMPLE_USER: CallerUser = {
  id: 900000001,
  email: 'listener@beatpass.test',
  username: 'maya',
  displayName: 'Maya Listener',
  avatar: null,
  passwordHash: '',
  twoFactorSecret: null,
  twoFactorRecoveryCodes: [],
  twoFactorLastStep: null,
  developerAccess: true,
  plan: 'pro',
  disabledAt: null,
  firstName: null,
  lastName: null,
  language: null,
  country: null,
  timezone: null,
  createdAt: new Date('2026-01-04T10:15:00.000Z'),
};

export interface MockCallers extends CallerLookup {
  /** A new session, not signed in yet (csrf-cookie, logout), signed in or waiting for a two-factor code. */
  startSession(state: 'guest' | 'signed-in' | 'pending'): { cookieValue: string; csrfToken: string };
  /** The CSRF token of the live session a cookie names. */
  csrfToken(cookieValue: string): string | undefined;
  endSession(cookieValue: string): void;
}

export function createMockCallers(): MockCallers {
  const sessions = new Map<string, CallerSession>();
  return {
    async byToken() {
      return { user: EXAMPLE_USER, tokenId: 1 };
    },
    async bySession(cookieValue) {
      const session = sessions.get(cookieValue);
      if (!session) return undefined;
      return { session, user: session.userId === null ? undefined : EXAMPLE_USER };
    },
    startSession(state) {
      const cookieValue = randomSecret(40);
      const csrfToken = randomSecret(40);
      const now = new Date();
      sessions.set(cookieValue, {
        id: cookieValue,
        userId: state === 'signed-in' ? EXAMPLE_USER.id : null,
        pendingUserId: state === 'pending' ? EXAMPLE_USER.id : null,
        failedCodeAttempts: 0,
        csrfToken,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(8.64e15),
      });
      return { cookieValue, csrfToken };
    },
    csrfToken(cookieValue) {
      return sessions.get(cookieValue)?.csrfToken ?? undefined;
    },
    endSession(cookieValue) {
      sessions.delete(cookieValue);
    },
  };
}
