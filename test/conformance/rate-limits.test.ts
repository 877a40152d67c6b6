// Every operation's documented 429 is real: with each rate-limit group cut to one request,
// repeated anonymous calls to any operation get a 429 that conforms to the contract and says
// when to retry. The rate limiter runs before CSRF, security and validation, so the request
// needs no credentials or body; path parameters take their spec examples.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationTable, rateLimitGroups, type OperationId } from '../../generated/contract.js';
import type { RateLimitOverrides } from '../../server/http/rate-limit.js';
import { Agent } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { call } from './contract-calls.js';
import { replayCases } from './replay.js';

const oneEach = Object.fromEntries(Object.keys(rateLimitGroups).map((group) => [group, 1])) as RateLimitOverrides;
const examplePaths = new Map(replayCases().map((c) => [c.operationId, c.path]));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ rateLimits: oneEach });
});
afterAll(async () => {
  await server?.close();
});

describe('every operation answers 429 once its rate-limit group is used up', () => {
  for (const operationId of Object.keys(operationTable).sort() as OperationId[]) {
    it(`${operationId} (${operationTable[operationId].rateLimitGroup})`, async () => {
      const agent = new Agent(server.baseUrl);
      const path = examplePaths.get(operationId) as Record<string, string | number>;
      let exchange = await call(agent, operationId, { path });
      for (let attempt = 0; attempt < 3 && exchange.status !== 429; attempt++) exchange = await call(agent, operationId, { path });

      expect(exchange.status, exchange.request).toBe(429);
      expect(exchange.problems).toEqual([]);
    });
  }

  it('a 429 carries Retry-After and the X-RateLimit headers', async () => {
    const agent = new Agent(server.baseUrl);
    let reply = await agent.request('GET', '/api/v1/genres');
    if (reply.status !== 429) reply = await agent.request('GET', '/api/v1/genres');
    expect(reply.status).toBe(429);
    expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(reply.headers.get('x-ratelimit-limit')).toBe('1');
    expect(reply.headers.get('x-ratelimit-remaining')).toBe('0');
  });
});
