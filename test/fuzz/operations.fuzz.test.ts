// Property-based fuzzing of every operation in `operationTable` against the real in-process
// server (response validation on). For each generated or hostile request it asserts:
//   1. the status is one of the operation's declared statuses,
//   2. the status is below 500,
//   3. the body is JSON and valid against the declared response schema for that status
//      (checked here with our own Ajv 2020 + formats; a status without content has no body),
//   4. the response is never an HTML page.
//
// Environment:
//   CI=1             fixed seed 20261125 (otherwise random; FUZZ_SEED=<n> replays a run)
//   FUZZ_REQUESTS=n  total request budget, split evenly over the operations (default 3000)
//   FUZZ_SURVEY=1    do not stop at the first failure: collect every violation, print them
//                    grouped, and fail once at the end (no shrinking)
//   FUZZ_TRACE=file  append one line per exchange (operation, request, status, body) to file
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { expand, caseArb, type FuzzCase } from './arbitraries.js';
import { CredentialManager, currentTotp, DEMO_TOTP_SECRET, type LiveCredentials } from './credentials.js';
import { contractProblems, formatAjvErrors, operations, type OperationModel } from './spec.js';

const FIXED_SEED = 20261125;
const BASE_SEED = process.env.FUZZ_SEED !== undefined
  ? Number(process.env.FUZZ_SEED)
  : process.env.CI ? FIXED_SEED : Math.floor(Math.random() * 2 ** 31);
const TOTAL_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3000);
const RUNS_PER_OPERATION = Math.max(10, Math.ceil(TOTAL_REQUESTS / operations.length));
const SURVEY = process.env.FUZZ_SURVEY === '1';
const TRACE = process.env.FUZZ_TRACE;

/**
 * Operations that can end a session or revoke a token (or rotate the session they are sent
 * with, as a successful sign-in does). Each of their runs gets fresh throwaway credentials.
 * Any other operation that breaks the shared credentials fails its test, so a new
 * destructive operation gets noticed and added here.
 */
const DESTRUCTIVE = new Set<string>(['logout', 'revokeDeveloperToken', 'login', 'completeTwoFactorChallenge']);

/** fnv-1a, so each operation's seed depends on the base seed and its id, not its position. */
function operationSeed(id: string): number {
  let hash = 0x811c9dc5 ^ BASE_SEED;
  for (const char of id) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return hash | 0;
}

interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  bodyLabel: string | null;
  body: string | null;
}
interface Received {
  status: number;
  contentType: string | null;
  text: string;
}

let server: TestServer;
let credentials: CredentialManager;
const counts = new Map<string, number>();
const statusesSeen = new Map<string, Map<number, number>>();
const surveyed = new Map<string, { count: number; example: string }>();

function fill(text: string, live: LiveCredentials, credential: FuzzCase['credential']): string {
  const bearerKinds = credential === 'bearer' || credential === 'bearerPlusSession';
  const ownUser = bearerKinds ? live.bearer.userId : live.session.userId ?? live.bearer.userId;
  return expand(text)
    .replace(/__OWN_TOKEN_ID__/g, String(live.bearer.id))
    .replace(/__TOKEN_ID__/g, String(credentials.shared.bearer.id))
    .replace(/__TOKEN__/g, credentials.shared.bearer.token)
    .replace(/__OWN_USER_ID__/g, String(ownUser))
    .replace(/__TOTP_NOW__/g, currentTotp(DEMO_TOTP_SECRET));
}

function credentialHeaders(c: FuzzCase, live: LiveCredentials): Record<string, string> {
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
      return { authorization: fill(c.credentialVariant, live, c.credential) };
    case 'invalidSession':
      return { cookie: `${fill(c.credentialVariant, live, c.credential)}; ${xsrfOnly.cookie}`, 'x-xsrf-token': xsrfOnly.xsrf };
    case 'pendingTwoFactor':
      return { cookie: pending.cookie, 'x-xsrf-token': pending.xsrf };
  }
}

function buildRequest(op: OperationModel, c: FuzzCase, live: LiveCredentials): SentRequest {
  const path = op.info.path.replace(/\{([^}]+)\}/g, (_m, name: string) => fill(c.pathValues[name] ?? '', live, c.credential));
  const query = fill(c.query, live, c.credential);
  const headers: Record<string, string> = credentialHeaders(c, live);
  if (c.accept !== null) headers.accept = c.accept;
  if (c.body?.contentType != null) headers['content-type'] = c.body.contentType;
  return {
    method: op.info.method,
    url: `${server.baseUrl}${path}${query === '' ? '' : `?${query}`}`,
    headers,
    bodyLabel: c.body?.label ?? null,
    body: c.body ? fill(c.body.text, live, c.credential) : null,
  };
}

async function send(request: SentRequest): Promise<Received> {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    // Bytes rather than a string, so that fetch adds no text/plain Content-Type of its own.
    body: request.body === null ? undefined : new TextEncoder().encode(request.body),
    redirect: 'manual',
  });
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

function clip(text: string, max = 600): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

function describeExchange(op: OperationModel, c: FuzzCase, request: SentRequest, received: Received | Error, problems: string[]): string {
  const lines = [
    `${op.id}: ${problems.join('; ')}`,
    `  request:  ${request.method} ${clip(request.url, 400)}`,
    `  credential: ${c.credential}${c.credentialVariant ? ` (${c.credentialVariant})` : ''}`,
    `  headers:  ${clip(JSON.stringify(request.headers), 800)}`,
  ];
  if (request.body !== null) lines.push(`  body (${request.bodyLabel}, ${request.body.length} chars): ${clip(JSON.stringify(request.body), 600)}`);
  if (received instanceof Error) lines.push(`  response: none, ${received.name}: ${received.message} ${String((received as { cause?: unknown }).cause ?? '')}`);
  else lines.push(`  response: ${received.status} content-type=${received.contentType}`, `  response body: ${clip(received.text, 800)}`);
  return lines.join('\n');
}

function problemKey(op: OperationModel, problems: string[], received: Received | Error): string {
  const normalized = problems.map((p) => p.replace(/got \d+ bytes/, 'got … bytes')).join('; ');
  const message = (received instanceof Error ? received.message : (/"message":"([^"]{0,80})/.exec(received.text)?.[1] ?? ''))
    .replace(/^The .* (parameter|field)\b/, 'The … $1')
    .replace(/\(and \d+ more errors?\)/, '(and … more)');
  return `${op.id} | ${normalized} | ${message}`;
}

async function exercise(op: OperationModel, c: FuzzCase): Promise<void> {
  const live = DESTRUCTIVE.has(op.id) ? await credentials.throwaway(c.credential) : credentials.shared;
  const request = buildRequest(op, c, live);
  counts.set(op.id, (counts.get(op.id) ?? 0) + 1);
  let received: Received | Error;
  let problems: string[];
  try {
    received = await send(request);
    problems = contractProblems(op, received);
    const seen = statusesSeen.get(op.id) ?? new Map<number, number>();
    seen.set(received.status, (seen.get(received.status) ?? 0) + 1);
    statusesSeen.set(op.id, seen);
  } catch (err) {
    received = err as Error;
    problems = ['the request failed without a response'];
  }
  if (TRACE) {
    const outcome = received instanceof Error ? received.message : `${received.status} ${clip(received.text, 160)}`;
    const body = request.body === null ? '' : ` ${request.bodyLabel}:${clip(request.body, 120)}`;
    appendFileSync(TRACE, `${op.id} [${c.credential}${c.credentialVariant ? `:${c.credentialVariant}` : ''}] ${request.method} ${clip(request.url.slice(server.baseUrl.length), 200)}${body} -> ${outcome}\n`);
  }
  if (problems.length === 0) return;
  const report = describeExchange(op, c, request, received, problems);
  if (!SURVEY) throw new Error(report);
  const key = problemKey(op, problems, received);
  const entry = surveyed.get(key);
  if (entry) entry.count += 1;
  else surveyed.set(key, { count: 1, example: report });
}

beforeAll(async () => {
  server = await startTestServer();
  credentials = new CredentialManager(server.baseUrl);
  await credentials.init();
  console.log(
    `[fuzz] seed ${BASE_SEED}${process.env.CI ? ' (fixed, CI)' : process.env.FUZZ_SEED ? ' (FUZZ_SEED)' : ' (random; replay with FUZZ_SEED)'}; ` +
      `${operations.length} operations × ${RUNS_PER_OPERATION} runs${SURVEY ? '; survey mode' : ''}`,
  );
});

afterAll(async () => {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const lines = operations.map((op) => {
    const seen = [...(statusesSeen.get(op.id) ?? new Map<number, number>()).entries()].sort(([a], [b]) => a - b);
    return `  ${op.id.padEnd(28)} ${String(counts.get(op.id) ?? 0).padStart(5)}  ${seen.map(([s, n]) => `${s}×${n}`).join(' ')}`;
  });
  console.log(
    `[fuzz] seed ${BASE_SEED}: ${total} fuzz requests (+${credentials?.supportRequests ?? 0} for credentials)\n${lines.join('\n')}` +
      (credentials?.restored.length ? `\n[fuzz] restored shared credentials: ${credentials.restored.join('; ')}` : ''),
  );
  if (surveyed.size > 0) {
    const grouped = [...surveyed.values()].sort((a, b) => b.count - a.count).map((e) => `×${e.count}\n${e.example}`);
    console.log(`[fuzz] ${surveyed.size} distinct violations:\n\n${grouped.join('\n\n')}`);
  }
  await server?.close();
});

describe('every operation honours its contract under generated and hostile input', () => {
  it('the fuzzer models every operation of the generated table', () => {
    for (const op of operations) {
      expect([...op.responses.keys()].sort(), `${op.id}: responses in openapi.json vs statuses in contract.ts`).toEqual([...op.info.statuses].sort());
      expect(op.requestSchema !== null, `${op.id}: hasJsonBody vs requestBody`).toBe(op.info.hasJsonBody);
      // The independent validators accept the documented examples and reject an empty object.
      for (const [status, response] of op.responses) {
        if (!response.validate) continue;
        for (const example of response.examples) {
          expect(response.validate(example), `${op.id} ${status} example: ${response.validate.errors && formatAjvErrors(response.validate)}`).toBe(true);
        }
        expect(response.validate({}), `${op.id} ${status} accepts {}`).toBe(false);
      }
    }
  });

  for (const op of operations) {
    it(`${op.id} (${op.info.method} ${op.info.path})`, { timeout: 180_000 }, async () => {
      let failure: unknown;
      try {
        await fc.assert(
          fc.asyncProperty(caseArb(op), async (c) => {
            await exercise(op, c);
          }),
          { seed: operationSeed(op.id), numRuns: RUNS_PER_OPERATION },
        );
      } catch (err) {
        failure = err;
      }
      // Restore the shared credentials even after a failure, so later operations keep valid auth.
      const broken = await credentials.ensureShared();
      if (failure) throw failure;
      if (!DESTRUCTIVE.has(op.id)) {
        expect(broken, `${op.id} invalidated shared credentials; if that is intended, add it to DESTRUCTIVE`).toEqual([]);
      }
    });
  }

  if (SURVEY) {
    it('survey: no contract violations', () => {
      expect([...surveyed.keys()]).toEqual([]);
    });
  }
});
