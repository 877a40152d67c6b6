// The fuzz machinery for one operation: turns generated cases (arbitraries.ts) into requests
// with live credentials, sends them to a test server and checks every answer against the
// contract (spec.ts). `run` is one fast-check property per operation; on a failure, fast-check
// shrinks the case (no endOnFailure) and the report shows the shrunk request, with live
// secrets replaced by placeholders, and the seed and path that replay it.
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import type { TestServer } from '../support/server.js';
import { caseArb, expand, type FuzzCase } from './arbitraries.js';
import { currentTotp, DEMO_TOTP_SECRET, type CredentialManager, type LiveCredentials } from './credentials.js';
import { contractProblems, type OperationModel } from './spec.js';

/**
 * Operations that can end a session or revoke a token (or rotate the session they are sent
 * with, as a successful sign-in does). Each of their runs gets fresh throwaway credentials.
 * Any other operation that breaks the shared credentials fails its test, so a new
 * destructive operation gets noticed and added here.
 */
export const DESTRUCTIVE = new Set<string>(['logout', 'revokeDeveloperToken', 'login', 'completeTwoFactorChallenge']);

export interface SentRequest {
  method: string;
  /** Path and query, without the server's origin. */
  target: string;
  headers: Record<string, string>;
  bodyLabel: string | null;
  body: string | null;
}

interface Received {
  status: number;
  contentType: string | null;
  text: string;
}

/** One request that broke the contract; fast-check sees it as the property's failure. */
export class ContractViolation extends Error {
  constructor(
    readonly op: OperationModel,
    readonly fuzzCase: FuzzCase,
    readonly request: SentRequest,
    readonly received: Received | Error,
    readonly problems: string[],
    readonly live: LiveCredentials,
  ) {
    super(`${op.id}: ${problems.join('; ')}`);
  }
}

export interface FuzzFailure {
  /** The shrunk case, and the first failing one it was shrunk from. */
  counterexample: FuzzCase;
  original: FuzzCase | null;
  /** The shrunk request as sent, with live secrets replaced by placeholders. */
  request: SentRequest | null;
  numShrinks: number;
  seed: number;
  path: string;
  /** Everything above, for a person: problems, minimal request, response, how to replay. */
  report: string;
}

export interface RunOptions {
  seed: number;
  numRuns: number;
  /** fast-check's counterexample path, to replay a reported failure. */
  path?: string;
  /** Appended to the report: how to run this exact case again. */
  replayHint?: (path: string) => string;
}

function clip(text: string, max = 600): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

/** Live secrets of a set of credentials (longest first), with the placeholder each is shown as. */
function secretsOf(live: LiveCredentials): [string, string][] {
  const pairs: [string, string][] = [[live.bearer.token, '‹token›']];
  for (const [name, snapshot] of Object.entries({ session: live.session, pending: live.pending, xsrfOnly: live.xsrfOnly })) {
    for (const part of snapshot.cookie.split('; ')) {
      const [cookie, value] = part.split('=') as [string, string | undefined];
      if (!value) continue;
      const label = cookie === 'XSRF-TOKEN' ? `‹${name} xsrf›` : `‹${name} session›`;
      pairs.push([value, label], [decodeURIComponent(value), label]);
    }
  }
  return pairs.filter(([secret]) => secret.length >= 8).sort(([a], [b]) => b.length - a.length);
}

function redact(text: string, secrets: [string, string][]): string {
  return secrets.reduce((out, [secret, label]) => out.split(secret).join(label), text);
}

export function redactRequest(request: SentRequest, live: LiveCredentials): SentRequest {
  const secrets = secretsOf(live);
  return {
    ...request,
    target: redact(request.target, secrets),
    headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, redact(value, secrets)])),
    body: request.body === null ? null : redact(request.body, secrets),
  };
}

export function describeRequest(request: SentRequest, fuzzCase: FuzzCase): string[] {
  const lines = [
    `    ${request.method} ${clip(request.target, 400)}`,
    `    credential: ${fuzzCase.credential}${fuzzCase.credentialVariant ? ` (${fuzzCase.credentialVariant})` : ''}`,
    `    headers: ${clip(JSON.stringify(request.headers), 800)}`,
  ];
  if (request.body !== null) lines.push(`    body (${request.bodyLabel}, ${request.body.length} chars): ${clip(JSON.stringify(request.body), 600)}`);
  return lines;
}

function describeResponse(received: Received | Error): string[] {
  if (received instanceof Error) return [`  response: none, ${received.name}: ${received.message} ${String((received as { cause?: unknown }).cause ?? '')}`];
  return [`  response: ${received.status} content-type=${received.contentType}`, `  response body: ${clip(received.text, 800)}`];
}

export class FuzzRunner {
  /** Requests sent per operation, and the statuses they got. */
  readonly counts = new Map<string, number>();
  readonly statusesSeen = new Map<string, Map<number, number>>();
  /** Survey mode: every distinct violation with how often it occurred. */
  readonly surveyed = new Map<string, { count: number; example: string }>();

  constructor(
    private readonly server: TestServer,
    private readonly credentials: CredentialManager,
    private readonly options: { survey?: boolean; trace?: string } = {},
  ) {}

  private fill(text: string, live: LiveCredentials, credential: FuzzCase['credential']): string {
    const bearerKinds = credential === 'bearer' || credential === 'bearerPlusSession';
    const ownUser = bearerKinds ? live.bearer.userId : (live.session.userId ?? live.bearer.userId);
    const shared = this.credentials.shared.bearer;
    return expand(text)
      .replace(/__OWN_TOKEN_ID__/g, String(live.bearer.id))
      .replace(/__TOKEN_ID__/g, String(shared.id))
      .replace(/__TOKEN__/g, shared.token)
      .replace(/__OWN_USER_ID__/g, String(ownUser))
      .replace(/__TOTP_NOW__/g, currentTotp(DEMO_TOTP_SECRET));
  }

  private credentialHeaders(c: FuzzCase, live: LiveCredentials): Record<string, string> {
    const { session, bearer, pending, xsrfOnly } = live;
    switch (c.credential) {
      case 'anonymous':
        return {};
      case 'xsrfOnly':
        return { cookie: xsrfOnly.cookie, 'x-xsrf-token': xsrfOnly.xsrf };
      case 'session':
        return { cookie: session.cookie, 'x-xsrf-token': session.xsrf };
      case 'sessionBadXsrf': {
        const bad: Record<string, string | undefined> = {
          missing: undefined,
          wrong: 'wrong-token',
          truncated: session.xsrf.slice(0, -1),
          otherAgent: xsrfOnly.xsrf,
          tooLong: session.xsrf + 'x'.repeat(600),
          empty: '',
        };
        const value = bad[c.credentialVariant];
        return value === undefined ? { cookie: session.cookie } : { cookie: session.cookie, 'x-xsrf-token': value };
      }
      case 'bearer':
        return { authorization: `Bearer ${bearer.token}` };
      case 'bearerPlusSession':
        return { authorization: `Bearer ${bearer.token}`, cookie: session.cookie, 'x-xsrf-token': session.xsrf };
      case 'invalidBearer':
        return { authorization: this.fill(c.credentialVariant, live, c.credential) };
      case 'invalidSession':
        return { cookie: `${this.fill(c.credentialVariant, live, c.credential)}; ${xsrfOnly.cookie}`, 'x-xsrf-token': xsrfOnly.xsrf };
      case 'pendingTwoFactor':
        return { cookie: pending.cookie, 'x-xsrf-token': pending.xsrf };
    }
  }

  private buildRequest(op: OperationModel, c: FuzzCase, live: LiveCredentials): SentRequest {
    const path = op.info.path.replace(/\{([^}]+)\}/g, (_m, name: string) => this.fill(c.pathValues[name] ?? '', live, c.credential));
    const query = this.fill(c.query, live, c.credential);
    const headers: Record<string, string> = this.credentialHeaders(c, live);
    if (c.accept !== null) headers.accept = c.accept;
    if (c.body?.contentType != null) headers['content-type'] = c.body.contentType;
    return {
      method: op.info.method,
      target: `${path}${query === '' ? '' : `?${query}`}`,
      headers,
      bodyLabel: c.body?.label ?? null,
      body: c.body ? this.fill(c.body.text, live, c.credential) : null,
    };
  }

  private async send(request: SentRequest): Promise<Received> {
    const response = await fetch(`${this.server.baseUrl}${request.target}`, {
      method: request.method,
      headers: request.headers,
      // Bytes rather than a string, so that fetch adds no text/plain Content-Type of its own.
      body: request.body === null ? undefined : new TextEncoder().encode(request.body),
      redirect: 'manual',
    });
    return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
  }

  private record(op: OperationModel, status: number): void {
    const seen = this.statusesSeen.get(op.id) ?? new Map<number, number>();
    seen.set(status, (seen.get(status) ?? 0) + 1);
    this.statusesSeen.set(op.id, seen);
  }

  /** Sends one case; throws a ContractViolation when the answer breaks the contract (outside survey mode). */
  async exercise(op: OperationModel, c: FuzzCase): Promise<void> {
    const live = DESTRUCTIVE.has(op.id) ? await this.credentials.throwaway(c.credential) : this.credentials.shared;
    const request = this.buildRequest(op, c, live);
    this.counts.set(op.id, (this.counts.get(op.id) ?? 0) + 1);
    let received: Received | Error;
    let problems: string[];
    try {
      received = await this.send(request);
      problems = contractProblems(op, received);
      this.record(op, received.status);
    } catch (err) {
      received = err as Error;
      problems = ['the request failed without a response'];
    }
    if (this.options.trace) {
      const outcome = received instanceof Error ? received.message : `${received.status} ${clip(received.text, 160)}`;
      const body = request.body === null ? '' : ` ${request.bodyLabel}:${clip(request.body, 120)}`;
      appendFileSync(
        this.options.trace,
        `${op.id} [${c.credential}${c.credentialVariant ? `:${c.credentialVariant}` : ''}] ${request.method} ${clip(request.target, 200)}${body} -> ${outcome}\n`,
      );
    }
    if (problems.length === 0) return;
    const violation = new ContractViolation(op, c, request, received, problems, live);
    if (!this.options.survey) throw violation;
    const key = this.problemKey(op, problems, received);
    const entry = this.surveyed.get(key);
    if (entry) entry.count += 1;
    else
      this.surveyed.set(key, {
        count: 1,
        example: [violation.message, ...describeRequest(redactRequest(request, live), c), ...describeResponse(received)].join('\n'),
      });
  }

  private problemKey(op: OperationModel, problems: string[], received: Received | Error): string {
    const normalized = problems.map((p) => p.replace(/got \d+ bytes/, 'got … bytes')).join('; ');
    const message = (received instanceof Error ? received.message : (/"message":"([^"]{0,80})/.exec(received.text)?.[1] ?? ''))
      .replace(/^The .* (parameter|field)\b/, 'The … $1')
      .replace(/\(and \d+ more errors?\)/, '(and … more)');
    return `${op.id} | ${normalized} | ${message}`;
  }

  /**
   * Runs the property for one operation. Returns null when every case conformed; otherwise the
   * shrunk counterexample and its report. Shrinking replays requests against the same server.
   */
  async run(op: OperationModel, options: RunOptions): Promise<FuzzFailure | null> {
    let original: FuzzCase | null = null;
    const property = fc.asyncProperty(caseArb(op), async (c) => {
      try {
        await this.exercise(op, c);
      } catch (err) {
        original ??= c;
        throw err;
      }
    });
    const details = await fc.check(property, { seed: options.seed, numRuns: options.numRuns, ...(options.path ? { path: options.path } : {}) });
    if (!details.failed) return null;
    const counterexample = details.counterexample![0];
    const path = details.counterexamplePath!;
    const error = details.errorInstance;
    const violation = error instanceof ContractViolation ? error : null;
    const request = violation ? redactRequest(violation.request, violation.live) : null;
    const lines = [
      violation ? violation.message : `${op.id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      `  minimal request (shrunk ${details.numShrinks} time${details.numShrinks === 1 ? '' : 's'} from the first failure):`,
      ...(violation && request ? describeRequest(request, counterexample) : [`    ${JSON.stringify(counterexample)}`]),
      ...(violation ? describeResponse(violation.received) : []),
      `  fast-check seed ${details.seed}, path ${path}${options.replayHint ? `; replay: ${options.replayHint(path)}` : ''}`,
    ];
    return { counterexample, original, request, numShrinks: details.numShrinks, seed: details.seed, path, report: lines.join('\n') };
  }
}
