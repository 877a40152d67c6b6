// Five declared statuses come from steps every operation shares, not from handlers: 400 (a
// JSON body that does not parse), 401 (an unknown or revoked bearer token), 413 (a JSON body
// over 1 MB, refused before it is parsed), 415 (a body in a media type the operation does
// not take) and 419 (a cookie-authenticated unsafe request without the XSRF header). Every
// operation with a body must declare the first three; each operation that declares 401 or
// 419 gets its request too. The request that should trigger a status is built from the
// operation's replay case (a request that succeeds, with its caller), so every declaration is
// proven on its own operation and answered with the documented body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationTable, type OperationId } from '../../generated/contract.js';
import { Agent } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { call, type CallInput, type Exchange } from './contract-calls.js';
import { newCaller, operationObject, replayCases, requestCase, responseExamples, SeedMapper, type LiveCaller } from './replay.js';

const cases = replayCases();
const ids = Object.keys(operationTable).sort() as OperationId[];
const declares = (operationId: OperationId, status: number) => operationTable[operationId].statuses.includes(status);
const takesBody = (operationId: OperationId) => operationTable[operationId].hasJsonBody || operationTable[operationId].hasMultipartBody;

let server: TestServer;
let mapper: SeedMapper;
beforeAll(async () => {
  server = await startTestServer();
  mapper = new SeedMapper(server);
});
afterAll(async () => {
  await server?.close();
});

/** The caller and mapped request of the operation's replay case: a request that would succeed. */
async function validRequest(operationId: OperationId): Promise<{ caller: LiveCaller; request: CallInput }> {
  const c = requestCase(operationId, cases);
  const caller = await newCaller(server.baseUrl, c.caller);
  return { caller, request: await mapper.request(c, caller) };
}

function expectDocumented(exchange: Exchange, status: number, body: unknown) {
  const context = `${exchange.request} → ${exchange.status} ${JSON.stringify(exchange.body)}`;
  expect(exchange.status, context).toBe(status);
  expect(exchange.body, context).toEqual(body);
  expect(exchange.problems, context).toEqual([]);
  const examples = responseExamples(operationObject(exchange.operationId))
    .filter((e) => e.status === status)
    .map((e) => e.value);
  expect(examples, `the ${status} examples of ${exchange.operationId}`).toContainEqual(body);
}

// Every operation that takes a body can be sent one that does not parse, is too large or is in
// another media type, so every one of them declares 400, 413 and 415, not only those that
// happened to (updateUserProfile answered an undeclared 400 and 415 to the fuzz).
describe('400: a JSON body that does not parse', () => {
  for (const operationId of ids.filter((id) => operationTable[id].hasJsonBody)) {
    it(operationId, async () => {
      const { caller, request } = await validRequest(operationId);
      const exchange = await call(caller.agent, operationId, {
        ...request,
        body: undefined,
        form: undefined,
        raw: { text: '{"name": ', contentType: 'application/json' },
      });
      expectDocumented(exchange, 400, { message: 'The request body is not valid JSON.' });
    });
  }
});

describe('401: an unknown or revoked bearer token, even where anonymous callers are served', () => {
  for (const operationId of ids.filter((id) => declares(id, 401))) {
    it(operationId, async () => {
      const { request } = await validRequest(operationId);
      // No session, but the XSRF cookie a browser holds: web routes (/logout) check it first.
      const browser = new Agent(server.baseUrl);
      await browser.csrf();
      const exchange = await call(browser, operationId, { ...request, bearer: '1|not-a-token' });
      expectDocumented(exchange, 401, { message: 'Unauthenticated.' });
    });
  }
});

/** Valid JSON just over the 1 MB limit. */
const OVERSIZED = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });

describe('413: a JSON body over 1 MB', () => {
  for (const operationId of ids.filter((id) => operationTable[id].hasJsonBody)) {
    it(operationId, async () => {
      const { caller, request } = await validRequest(operationId);
      const exchange = await call(caller.agent, operationId, {
        ...request,
        body: undefined,
        form: undefined,
        raw: { text: OVERSIZED, contentType: 'application/json' },
      });
      expectDocumented(exchange, 413, { message: 'The request body is too large.' });
    });
  }
});

describe('415: a body in a media type the operation does not take', () => {
  for (const operationId of ids.filter((id) => takesBody(id))) {
    it(operationId, async () => {
      const { caller, request } = await validRequest(operationId);
      const exchange = await call(caller.agent, operationId, {
        ...request,
        body: undefined,
        form: undefined,
        raw: { text: 'name=Late+night', contentType: 'text/plain' },
      });
      expect(exchange.status, exchange.request).toBe(415);
      expect(exchange.problems, exchange.request).toEqual([]);
      expect(exchange.body.message, exchange.request).toMatch(/^Unsupported media type: send (application\/json|multipart\/form-data)/);
    });
  }
});

describe('419: a cookie-authenticated unsafe request without the XSRF header', () => {
  for (const operationId of ids.filter((id) => declares(id, 419))) {
    it(operationId, async () => {
      const { caller, request } = await validRequest(operationId);
      const exchange = await call(caller.agent, operationId, { ...request, bearer: undefined, xsrf: false });
      expectDocumented(exchange, 419, { message: 'CSRF token mismatch.' });
    });
  }
});
