// Live credentials for the fuzzer. Shared ones are made once and reused by every operation;
// operations that can end a session or revoke a token get fresh throwaway ones per run, and
// `ensureShared` checks (and restores) the shared ones between operations.
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../server/seed/seed.js';
import { currentTotp } from '../../server/domains/auth/two-factor.js';
import { Agent } from '../support/http.js';
import type { CredentialKind } from './arbitraries.js';

export const LISTENER = 'listener@beatpass.test';
export const DEVELOPER = 'developer@beatpass.test';
export const TWO_FACTOR = 'twofactor@beatpass.test';

/** A browser's cookies: a session (or none) plus the XSRF cookie and its header value. */
export interface Snapshot {
  cookie: string;
  xsrf: string;
  userId: number | null;
}

export interface LiveCredentials {
  /** Signed-in web session (listener). */
  session: Snapshot;
  /** Developer token plaintext, `<id>|<secret>`, and its owner. */
  bearer: { token: string; id: number; userId: number };
  /** A sign-in waiting for its two-factor code (twofactor@). */
  pending: Snapshot;
  /** Only the XSRF cookie: what a browser has right before it signs in. */
  xsrfOnly: Snapshot;
}

export { currentTotp, DEMO_TOTP_SECRET };

function snapshot(agent: Agent, userId: number | null): Snapshot {
  const session = agent.cookie('beatpass_session');
  const xsrf = agent.cookie('XSRF-TOKEN');
  if (!xsrf) throw new Error('no XSRF-TOKEN cookie');
  return {
    cookie: [session === undefined ? undefined : `beatpass_session=${session}`, `XSRF-TOKEN=${xsrf}`].filter(Boolean).join('; '),
    xsrf: decodeURIComponent(xsrf),
    userId,
  };
}

export class CredentialManager {
  /** Requests made to set up or check credentials (not part of the fuzz count). */
  supportRequests = 0;
  restored: string[] = [];
  shared!: LiveCredentials;
  /** A developer session used only to mint throwaway tokens; never sent by the fuzzer. */
  private factory!: Agent;

  constructor(readonly baseUrl: string) {}

  async init(): Promise<void> {
    this.factory = await this.signIn(DEVELOPER);
    this.shared = {
      session: await this.newSession(),
      bearer: await this.newSharedBearer(),
      pending: await this.newPending(),
      xsrfOnly: await this.newXsrfOnly(),
    };
  }

  private async signIn(email: string): Promise<Agent> {
    const agent = new Agent(this.baseUrl);
    const reply = await agent.login(email, DEMO_PASSWORD);
    this.supportRequests += 2;
    if (reply.status !== 200) throw new Error(`fuzz setup: sign-in as ${email} answered ${reply.status} ${JSON.stringify(reply.body)}`);
    return agent;
  }

  async newSession(email = LISTENER): Promise<Snapshot> {
    const agent = new Agent(this.baseUrl);
    const reply = await agent.login(email, DEMO_PASSWORD);
    this.supportRequests += 2;
    const body = reply.body as { two_factor?: boolean; user?: { id: number } };
    if (reply.status !== 200 || body.two_factor !== false)
      throw new Error(`fuzz setup: sign-in as ${email} answered ${reply.status} ${JSON.stringify(reply.body)}`);
    return snapshot(agent, body.user!.id);
  }

  async newPending(): Promise<Snapshot> {
    const agent = new Agent(this.baseUrl);
    const reply = await agent.login(TWO_FACTOR, DEMO_PASSWORD);
    this.supportRequests += 2;
    if (reply.status !== 200 || (reply.body as { two_factor?: boolean }).two_factor !== true) {
      throw new Error(`fuzz setup: two-factor sign-in answered ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    return snapshot(agent, null);
  }

  async newXsrfOnly(): Promise<Snapshot> {
    const agent = new Agent(this.baseUrl);
    await agent.csrf();
    this.supportRequests += 1;
    return snapshot(agent, null);
  }

  /** The shared token comes from the token sign-in (POST /api/v1/auth/login with token_name). */
  async newSharedBearer(): Promise<LiveCredentials['bearer']> {
    const agent = new Agent(this.baseUrl);
    const reply = await agent.request('POST', '/api/v1/auth/login', {
      json: { email: DEVELOPER, password: DEMO_PASSWORD, token_name: 'fuzz shared token' },
    });
    this.supportRequests += 1;
    const user = (reply.body as { user?: { id: number; access_token: string } }).user;
    if (reply.status !== 200 || !user) throw new Error(`fuzz setup: token sign-in answered ${reply.status} ${JSON.stringify(reply.body)}`);
    return { token: user.access_token, id: Number(user.access_token.split('|')[0]), userId: user.id };
  }

  /** A fresh developer token from the factory session: cheap, no password hashing. */
  async newThrowawayBearer(): Promise<LiveCredentials['bearer']> {
    const reply = await this.factory.request('POST', '/api/v1/developer-tokens', { json: { name: 'fuzz throwaway token' } });
    this.supportRequests += 1;
    const body = reply.body as { token?: { id: number }; plain_text_token?: string };
    if (reply.status !== 201 || !body.plain_text_token) throw new Error(`fuzz setup: creating a token answered ${reply.status} ${JSON.stringify(reply.body)}`);
    return { token: body.plain_text_token, id: body.token!.id, userId: this.shared.bearer.userId };
  }

  /** Shared credentials with every live part this kind sends swapped for a fresh one. */
  async throwaway(kind: CredentialKind): Promise<LiveCredentials> {
    const usesSession = kind === 'session' || kind === 'sessionBadXsrf' || kind === 'bearerPlusSession';
    const usesBearer = kind === 'bearer' || kind === 'bearerPlusSession';
    return {
      ...this.shared,
      session: usesSession ? await this.newSession() : this.shared.session,
      bearer: usesBearer ? await this.newThrowawayBearer() : this.shared.bearer,
      pending: kind === 'pendingTwoFactor' ? await this.newPending() : this.shared.pending,
    };
  }

  private async get(path: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
    this.supportRequests += 1;
    const response = await fetch(this.baseUrl + path, { headers: { accept: 'application/json', ...headers } });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Checks the shared credentials still work, restores the broken ones, and names them. */
  async ensureShared(): Promise<string[]> {
    const broken: string[] = [];
    const { session, bearer, pending } = this.shared;

    const me = await this.get('/api/v1/users/me', { cookie: session.cookie });
    if (me.status !== 200 || (me.body as { user?: { email?: string } }).user?.email !== LISTENER) {
      broken.push(`session (GET /api/v1/users/me answered ${me.status})`);
      this.shared.session = await this.newSession();
    }

    const token = await this.get('/api/v1/users/me', { authorization: `Bearer ${bearer.token}` });
    if (token.status !== 200) {
      broken.push(`bearer token (GET /api/v1/users/me answered ${token.status})`);
      this.shared.bearer = await this.newSharedBearer();
    }

    // A challenge with neither field is refused as such only while a sign-in waits; unlike a
    // wrong code, it does not count towards the wrong codes that end the pending sign-in.
    this.supportRequests += 1;
    const probe = await fetch(`${this.baseUrl}/two-factor-challenge`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', cookie: pending.cookie, 'x-xsrf-token': pending.xsrf },
      body: '{}',
    });
    const probeBody = (await probe.json().catch(() => ({}))) as { errors?: { code?: string[] } };
    if (probe.status !== 422 || probeBody.errors?.code?.[0] !== 'Send either the code field or the recovery_code field.') {
      broken.push(`pending two-factor session (probe answered ${probe.status} ${JSON.stringify(probeBody)})`);
      this.shared.pending = await this.newPending();
    }

    this.restored.push(...broken);
    return broken;
  }
}
