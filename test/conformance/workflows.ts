// Stateful sequences for the conformance suite: each workflow is a list of steps, each step
// one operation (by operationId) with the status it must get. The runner
// (workflows.test.ts) plays every workflow many times with generated data: a step's body
// starts from a value faked from the operation's own request schema (`generated`), the step
// overrides only what the sequence needs (the account it made, the token it got), and every
// answer must conform to the contract (declared status, < 500, valid body) as well as match
// `expect`.
//
// Adding a workflow (tracks: create → read → update → delete, once those operations exist) is
// a few lines: push a `{ name, steps }` here. `as` names a browser (cookie jar, fresh per
// run), `bearer` sends a token saved by an earlier step, `check` asserts on the body and
// saves what later steps need into `s.saved`.
import { expect } from 'vitest';
import type { OperationId } from '../../generated/contract.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../server/seed/seed.js';
import { currentTotp } from '../../server/domains/auth/two-factor.js';
import type { CallInput } from './contract-calls.js';

export interface WorkflowState {
  /** Unique per run (letters and digits): use it where values must not collide across runs. */
  run: string;
  /** What earlier steps saved. */
  saved: Record<string, any>;
}

export interface Step {
  op: OperationId;
  /** The browser (cookie jar) that sends the request; default `browser`. */
  as?: string;
  /** The request; `generated` is a body faked from the operation's request schema for this run. */
  input?: (s: WorkflowState, generated: any) => CallInput;
  /** The status this step must get. */
  expect: number;
  check?: (body: any, s: WorkflowState) => void;
}

export interface Workflow {
  name: string;
  steps: Step[];
}

const DEVELOPER = 'developer@beatpass.test';
const LISTENER = 'listener@beatpass.test';
const TWO_FACTOR = 'twofactor@beatpass.test';

const tokenId = (plainText: string) => Number(plainText.split('|')[0]);
/** The server trims names and wants three characters left; the schema cannot say so. */
const usableName = (name: unknown) => `${String(name ?? '').trim()}abc`.slice(0, 50);

const signInSteps = (email: string): Step[] => [
  { op: 'getCsrfCookie', expect: 204 },
  { op: 'login', input: (_s, g) => ({ body: { ...g, email, password: DEMO_PASSWORD } }), expect: 200 },
];

export const workflows: Workflow[] = [
  {
    name: 'register → token sign-in → use the token → no developer access → revoke → 401',
    steps: [
      {
        op: 'register',
        input: (s, g) => {
          s.saved.email = `wf${s.run}@example.test`;
          s.saved.password = String(g.password);
          return { body: { ...g, email: s.saved.email, password_confirmation: g.password, username: `wf${s.run}` } };
        },
        expect: 200,
        check: (b, s) => {
          expect(b.boostrapData.user.email).toBe(s.saved.email);
          s.saved.userId = b.boostrapData.user.id;
        },
      },
      {
        op: 'loginWithToken',
        input: (s, g) => ({ body: { ...g, email: s.saved.email, password: s.saved.password, token_name: usableName(g.token_name) } }),
        expect: 200,
        check: (b, s) => {
          expect(b.user.id).toBe(s.saved.userId);
          s.saved.token = b.user.access_token;
        },
      },
      {
        op: 'getUser',
        input: (s) => ({ path: { user_id: 'me' }, bearer: s.saved.token }),
        expect: 200,
        check: (b, s) => expect(b.user.id).toBe(s.saved.userId),
      },
      { op: 'createDeveloperToken', input: (s, g) => ({ body: g, bearer: s.saved.token }), expect: 403 },
      {
        op: 'listDeveloperTokens',
        input: (s) => ({ bearer: s.saved.token }),
        expect: 200,
        check: (b, s) => expect(b.tokens.map((t: { id: number }) => t.id)).toContain(tokenId(s.saved.token)),
      },
      { op: 'revokeDeveloperToken', input: (s) => ({ path: { token_id: tokenId(s.saved.token) }, bearer: s.saved.token }), expect: 204 },
      { op: 'getUser', input: (s) => ({ path: { user_id: 'me' }, bearer: s.saved.token }), expect: 401 },
    ],
  },
  {
    name: 'developer: token sign-in → create a developer token → list → use → revoke → 401',
    steps: [
      {
        op: 'loginWithToken',
        input: (_s, g) => ({ body: { ...g, email: DEVELOPER, password: DEMO_PASSWORD, token_name: usableName(g.token_name) } }),
        expect: 200,
        check: (b, s) => (s.saved.login = b.user.access_token),
      },
      {
        op: 'createDeveloperToken',
        input: (s, g) => ({ body: { ...g, name: usableName(g.name) }, bearer: s.saved.login }),
        expect: 201,
        check: (b, s) => {
          expect(b.token.id).toBe(tokenId(b.plain_text_token));
          s.saved.created = b.plain_text_token;
        },
      },
      {
        op: 'listDeveloperTokens',
        input: (s) => ({ bearer: s.saved.login }),
        expect: 200,
        check: (b, s) => expect(b.tokens.map((t: { id: number }) => t.id)).toContain(tokenId(s.saved.created)),
      },
      { op: 'getUser', input: (s) => ({ path: { user_id: 'me' }, bearer: s.saved.created }), expect: 200, check: (b) => expect(b.user.email).toBe(DEVELOPER) },
      { op: 'revokeDeveloperToken', input: (s) => ({ path: { token_id: tokenId(s.saved.created) }, bearer: s.saved.login }), expect: 204 },
      { op: 'getUser', input: (s) => ({ path: { user_id: 'me' }, bearer: s.saved.created }), expect: 401 },
      { op: 'revokeDeveloperToken', input: (s) => ({ path: { token_id: tokenId(s.saved.created) }, bearer: s.saved.login }), expect: 404 },
      { op: 'revokeDeveloperToken', input: (s) => ({ path: { token_id: tokenId(s.saved.login) }, bearer: s.saved.login }), expect: 204 },
    ],
  },
  {
    name: 'web session: csrf → login → read → logout without XSRF (419) → logout → 401',
    steps: [
      ...signInSteps(LISTENER),
      { op: 'getUser', input: () => ({ path: { user_id: 'me' } }), expect: 200, check: (b) => expect(b.user.email).toBe(LISTENER) },
      { op: 'logout', input: () => ({ xsrf: false }), expect: 419 },
      { op: 'logout', expect: 204 },
      { op: 'getUser', input: () => ({ path: { user_id: 'me' } }), expect: 401 },
    ],
  },
  {
    name: 'web session: developer tokens through the session (XSRF on every unsafe request)',
    steps: [
      ...signInSteps(DEVELOPER),
      { op: 'createDeveloperToken', input: (_s, g) => ({ body: { ...g, name: usableName(g.name) } }), expect: 201, check: (b, s) => (s.saved.id = b.token.id) },
      { op: 'listDeveloperTokens', expect: 200, check: (b, s) => expect(b.tokens.map((t: { id: number }) => t.id)).toContain(s.saved.id) },
      { op: 'revokeDeveloperToken', input: (s) => ({ path: { token_id: s.saved.id }, xsrf: false }), expect: 419 },
      { op: 'revokeDeveloperToken', input: (s) => ({ path: { token_id: s.saved.id } }), expect: 204 },
      { op: 'logout', expect: 204 },
    ],
  },
  {
    name: 'two-factor sign-in: csrf → login (challenge) → wrong code (422) → TOTP → read → logout',
    steps: [
      { op: 'getCsrfCookie', expect: 204 },
      {
        op: 'login',
        input: (_s, g) => ({ body: { ...g, email: TWO_FACTOR, password: DEMO_PASSWORD } }),
        expect: 200,
        check: (b) => expect(b.two_factor).toBe(true),
      },
      { op: 'getUser', input: () => ({ path: { user_id: 'me' } }), expect: 401 },
      { op: 'completeTwoFactorChallenge', input: () => ({ body: { recovery_code: 'not-a-recovery-code' } }), expect: 422 },
      { op: 'completeTwoFactorChallenge', input: () => ({ body: { code: currentTotp(DEMO_TOTP_SECRET) } }), expect: 200 },
      { op: 'getUser', input: () => ({ path: { user_id: 'me' } }), expect: 200, check: (b) => expect(b.user.email).toBe(TWO_FACTOR) },
      { op: 'logout', expect: 204 },
    ],
  },
];
