// Every operation's documented 503 is real: while the database is down (test/conformance/
// database-outage.ts: each statement fails as node-postgres fails when PostgreSQL goes away),
// the request of the operation's replay case (replay.ts: a request that succeeds when the
// database answers, with its caller and fixtures) gets 503 with Retry-After and the documented
// body, for every way the database can go away. Once the database is back, the same request
// gets its usual answer: the failed attempts changed nothing, as the 503 promises, and the
// instance recovered by itself.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationTable, type OperationId } from '../../generated/contract.js';
import { isDatabaseUnavailable } from '../../server/infra/unavailable.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { call, type CallInput, type Exchange } from './contract-calls.js';
import { DATABASE_FAULTS, DatabaseOutage } from './database-outage.js';
import { isPending, newCaller, operationObject, replayCases, requestCase, responseExamples, SeedMapper } from './replay.js';

const faults = Object.entries(DATABASE_FAULTS);
const cases = replayCases();

/** What the server answers when the database is away (server/http/errors.ts). */
const DATABASE_UNAVAILABLE = { message: 'Service temporarily unavailable. Please retry shortly.' };

const documented503s = (operationId: OperationId) =>
  responseExamples(operationObject(operationId))
    .filter((e) => e.status === 503)
    .map((e) => e.value);

function expectServiceUnavailable(exchange: Exchange, operationId: OperationId, how: string): void {
  const context = `${how}: ${exchange.request} → ${exchange.status} ${JSON.stringify(exchange.body)}`;
  expect(exchange.status, context).toBe(503);
  expect(Number(exchange.headers.get('retry-after')), `Retry-After, ${context}`).toBeGreaterThan(0);
  expect(exchange.headers.get('retry-after'), context).toMatch(/^\d+$/);
  expect(exchange.body, context).toEqual(DATABASE_UNAVAILABLE);
  expect(documented503s(operationId), `the 503 examples of ${operationId} document this body`).toContainEqual(DATABASE_UNAVAILABLE);
  // contractProblems reports every 5xx; here the 503 is the documented answer, so that is the only finding allowed.
  expect(exchange.problems, context).toEqual(['server error 503']);
}

let server: TestServer;
let outage: DatabaseOutage;
let mapper: SeedMapper;

beforeAll(async () => {
  server = await startTestServer();
  outage = new DatabaseOutage(server.database);
  mapper = new SeedMapper(server);
});
afterAll(async () => {
  await server?.close();
});

describe('the simulated outage', () => {
  it('fails queries and transactions the way node-postgres does while it lasts, and not after', async () => {
    for (const [how, fault] of faults) {
      const query = await outage.during(fault, () => server.database.db.execute(sql`select 1`).catch((err: unknown) => err));
      expect(isDatabaseUnavailable(query), `${how}: ${String(query)}`).toBe(true);
      const transaction = await outage.during(fault, () => server.database.db.transaction((tx) => tx.execute(sql`select 1`)).catch((err: unknown) => err));
      expect(isDatabaseUnavailable(transaction), `${how}: ${String(transaction)}`).toBe(true);
    }
    expect(await server.rows(sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });
});

describe('every operation answers 503 with Retry-After while the database is down', () => {
  for (const operationId of Object.keys(operationTable).sort() as OperationId[]) {
    it(operationId, async () => {
      const c = requestCase(operationId, cases);
      const caller = await newCaller(server.baseUrl, c.caller);
      const request: CallInput = await mapper.request(c, caller);

      // Every operation needs the database, csrf-cookie too: the CSRF token belongs to a session.
      for (const [how, fault] of faults) {
        expectServiceUnavailable(await outage.during(fault, () => call(caller.agent, operationId, request)), operationId, how);
      }

      if (isPending(c)) return;
      const after = await call(caller.agent, operationId, request);
      expect(after.status, `after the outage: ${after.request} → ${JSON.stringify(after.body)}`).toBe(c.expectedStatus);
      expect(after.problems).toEqual([]);
    });
  }
});
