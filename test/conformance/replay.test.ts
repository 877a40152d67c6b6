// Example replay (see replay.ts for the pairing and mapping rules):
//   1. every request example, sent to a seeded sandbox, gets the status its paired response
//      example documents, with a body that validates and has that example's top-level fields;
//   2. the server's own validator (server/http/validation, as configured in server/) accepts
//      every example: response examples come back unchanged when a handler returns them, and
//      request examples reach the handler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationTable, type OperationId } from '../../generated/contract.js';
import type { AppOptions } from '../../server/app.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { realHandlers, type RealHandlers } from './real-handlers.js';
import { call } from './contract-calls.js';
import {
  newCaller,
  operationObject,
  replayCases,
  REPLAY_PENDING,
  responseExamples,
  SeedMapper,
  type CallerKind,
  type LiveCaller,
  type ReplayCase,
} from './replay.js';
import { wavForm } from './replay-fixtures.js';

const cases = replayCases();

const keysOf = (value: unknown) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value).sort() : null);

describe('example replay against the seeded sandbox', () => {
  let server: TestServer;
  let mapper: SeedMapper;
  beforeAll(async () => {
    server = await startTestServer();
    mapper = new SeedMapper(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('has a replay case for every operation', () => {
    const covered = new Set(cases.map((c) => c.operationId));
    expect(Object.keys(operationTable).filter((id) => !covered.has(id as OperationId))).toEqual([]);
  });

  it('the pending list names only replay cases that exist', () => {
    const known = new Set(cases.map((c) => `${c.operationId} ${c.key}`));
    expect([...REPLAY_PENDING.keys()].filter((k) => !known.has(k))).toEqual([]);
    const pending = cases.filter((c) => REPLAY_PENDING.has(`${c.operationId} ${c.key}`));
    console.log(
      `[replay] ${cases.length - pending.length} of ${cases.length} request examples replayed; ${pending.length} pending (REPLAY_PENDING in test/conformance/replay.ts)` +
        pending.map((c) => `\n  ${c.operationId} ${c.key}: ${REPLAY_PENDING.get(`${c.operationId} ${c.key}`)}`).join(''),
    );
  });

  for (const c of cases) {
    const paired = c.response ? ` (${c.response.key})` : '';
    it.skipIf(REPLAY_PENDING.has(`${c.operationId} ${c.key}`))(`${c.operationId} ${c.key} → ${c.expectedStatus}${paired}`, async () => {
      const caller = await newCaller(server.baseUrl, c.caller);
      const request = await mapper.request(c, caller);
      const exchange = await call(caller.agent, c.operationId, request);
      const context = `${exchange.request} → ${exchange.status} ${JSON.stringify(exchange.body)}`;

      expect(exchange.problems, context).toEqual([]);
      expect(exchange.status, context).toBe(c.expectedStatus);
      if (c.response) expect(keysOf(exchange.body), `top-level fields vs example ${c.response.key}: ${context}`).toEqual(keysOf(c.response.value));
    });
  }
});

describe("every example passes the server's own validator", () => {
  /** While armed, the operation's handler answers with this instead of running. */
  let armed: { operationId: OperationId; status: number; body: unknown } | null = null;
  let real: RealHandlers;
  let server: TestServer;
  let mapper: SeedMapper;

  beforeAll(async () => {
    const overrides = Object.fromEntries(
      Object.keys(operationTable).map((id) => [
        id,
        async (input: unknown) =>
          armed?.operationId === id ? { status: armed.status, body: armed.body } : (real[id as OperationId] as (i: unknown) => unknown)(input),
      ]),
    ) as AppOptions['handlerOverrides'];
    server = await startTestServer({ handlerOverrides: overrides });
    real = await realHandlers(server);
    // The armed handler answers whatever the ids are: only request validation must pass.
    mapper = new SeedMapper(server, { mapIds: false });
  });
  afterAll(async () => {
    await server?.close();
  });

  /**
   * One caller per kind, set up with the real handlers: the armed handler answers instead of
   * the real one, so no replayed logout or revoke ever ends a caller's session. It answers
   * whoever owns what, so a case's new account (which only matters for its fixtures) is
   * replaced by the developer's session.
   */
  const callers = new Map<CallerKind, Promise<LiveCaller>>();
  function callerFor(kind: CallerKind): Promise<LiveCaller> {
    const as = kind === 'newAccount' ? 'developerSession' : kind;
    if (!callers.has(as)) callers.set(as, newCaller(server.baseUrl, as));
    return callers.get(as)!;
  }

  /** Arms the override for one request of case `c`; a multipart operation gets a WAV file. */
  async function send(c: ReplayCase, answer: { status: number; body: unknown }) {
    const caller = await callerFor(c.caller);
    const request = await mapper.request(c, caller);
    if (operationTable[c.operationId].hasMultipartBody) request.form = wavForm();
    armed = { operationId: c.operationId, ...answer };
    try {
      return await call(caller.agent, c.operationId, request);
    } finally {
      armed = null;
    }
  }

  const firstCase = new Map<OperationId, ReplayCase>();
  for (const c of cases) if (!firstCase.has(c.operationId)) firstCase.set(c.operationId, c);

  for (const operationId of Object.keys(operationTable).sort() as OperationId[]) {
    const examples = responseExamples(operationObject(operationId));
    for (const example of examples) {
      it(`response ${operationId} ${example.status} ${example.key}`, async () => {
        const exchange = await send(firstCase.get(operationId)!, { status: example.status, body: example.value });
        expect(exchange.status, `${exchange.request} → ${JSON.stringify(exchange.body)}`).toBe(example.status);
        expect(exchange.body).toEqual(example.value);
      });
    }
  }

  for (const c of cases.filter((c) => c.body !== undefined && c.expectedStatus < 300)) {
    it(`request ${c.operationId} ${c.key}`, async () => {
      const exchange = await send(c, { status: c.expectedStatus, body: c.response?.value });
      expect(exchange.status, `${exchange.request} → ${JSON.stringify(exchange.body)}`).toBe(c.expectedStatus);
    });
  }
});
