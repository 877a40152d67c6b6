// Detection paths: deliberately break the server or the spec and prove the conformance checks
// notice. Which operation gets broken is chosen by walking the replay cases (the first GET
// whose success response is a closed component schema), not by naming one of today's.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationTable, type OperationId } from '../../generated/contract.js';
import type { AppOptions } from '../../server/app.js';
import { diffSpecs, evaluateGate } from '../../scripts/breaking-changes.js';
import { buildContractModel } from '../fuzz/spec.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { realHandlers, type RealHandlers } from './real-handlers.js';
import { call } from './contract-calls.js';
import { startPrismProxy } from '../support/prism.js';
import { newCaller, replayCases, SeedMapper, type ReplayCase } from './replay.js';

type Schema = { $ref?: string; required?: string[]; properties?: Record<string, unknown>; additionalProperties?: unknown };
type Bundled = {
  info: { version: string };
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
};

const root = new URL('../../', import.meta.url).pathname;
const bundled = JSON.parse(readFileSync(join(root, 'generated/openapi.json'), 'utf8')) as Bundled;

/** The success schema's component, when it is a `$ref` to a closed schema with a required property. */
function closedComponent(spec: Bundled, c: ReplayCase): string | null {
  const info = operationTable[c.operationId];
  const schema = spec.paths[info.path]?.[info.method.toLowerCase()]?.responses[String(c.expectedStatus)]?.content?.['application/json']?.schema;
  const name = schema?.$ref?.replace('#/components/schemas/', '');
  const component = name ? spec.components.schemas[name] : undefined;
  return component && component.additionalProperties === false && component.required?.length ? name! : null;
}

const target = replayCases().find((c) => operationTable[c.operationId].method === 'GET' && c.expectedStatus === 200 && closedComponent(bundled, c) !== null);
if (!target) throw new Error('no GET operation with a closed success schema to break');
const operationId: OperationId = target.operationId;

describe(`detection paths (breaking ${operationId})`, () => {
  let scratch: string;
  /** The real server. */
  let server: TestServer;
  /** The same, except that `breakage` decides how the chosen operation's handler misbehaves. */
  let broken: TestServer;
  let breakage: ((input: unknown, real: (input: unknown) => Promise<{ status: number; body?: unknown }>) => Promise<unknown>) | null = null;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'beatpass-detection-'));
    let real: RealHandlers;
    const callReal = (input: unknown) => (real[operationId] as unknown as (i: unknown) => Promise<{ status: number; body?: unknown }>)(input);
    const overrides = { [operationId]: (input: unknown) => (breakage ? breakage(input, callReal) : callReal(input)) } as AppOptions['handlerOverrides'];
    [server, broken] = await Promise.all([startTestServer(), startTestServer({ handlerOverrides: overrides })]);
    real = await realHandlers(broken);
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await Promise.all([server?.close(), broken?.close()]);
  });

  async function replayAgainst(on: TestServer, contract = buildContractModel().operations) {
    const caller = await newCaller(on.baseUrl, target!.caller);
    const request = await new SeedMapper(on).request(target!, caller);
    return call(caller.agent, operationId, request, contract);
  }

  it('the unbroken server passes the replay of the chosen operation', async () => {
    expect((await replayAgainst(server)).problems).toEqual([]);
    expect((await replayAgainst(broken)).problems).toEqual([]);
  });

  describe('server side', () => {
    async function withBreakage(how: NonNullable<typeof breakage>) {
      breakage = how;
      try {
        return await replayAgainst(broken);
      } finally {
        breakage = null;
      }
    }

    it('a handler that returns an undeclared field is caught', async () => {
      const exchange = await withBreakage(async (input, real) => {
        const response = await real(input);
        return { ...response, body: { ...(response.body as object), undeclared_field: 'surprise' } };
      });

      // The server's response validator turns it into a 500, which the contract check reports.
      expect(exchange.status).toBe(500);
      expect(exchange.problems.join('; ')).toMatch(/server error 500|not declared/);
    });

    it('a handler that fails with a 500 is caught', async () => {
      const exchange = await withBreakage(async () => {
        throw new Error('deliberate failure');
      });

      expect(exchange.status).toBe(500);
      expect(exchange.problems).toContain('server error 500');
    });
  });

  describe('spec side: a required response property the server sends is removed from the spec', () => {
    const changed = structuredClone(bundled);
    const component = closedComponent(changed, target!)!;
    const schema = changed.components.schemas[component]!;
    const removed = schema.required![0]!;
    schema.required = schema.required!.filter((p) => p !== removed);
    delete schema.properties![removed];

    it(`the contract check rejects the real response (${component}.${removed} is now undeclared)`, async () => {
      const exchange = await replayAgainst(server, buildContractModel(changed as never).operations);
      expect(exchange.status).toBe(200);
      expect(exchange.problems.join('; ')).toMatch(/does not match the 200 schema.*additional properties/);
    });

    it('the breaking-change gate fails, naming the operation', async () => {
      const report = await diffSpecs(bundled as never, changed as never);
      expect(evaluateGate(report, '').ok).toBe(false);
      expect(report.operations).toContain(operationId);
    });

    it('prism proxy --errors with the changed spec answers the real response with a violation', { timeout: 60_000 }, async () => {
      const specFile = join(scratch, 'changed-openapi.json');
      writeFileSync(specFile, JSON.stringify(changed));
      const prism = await startPrismProxy(specFile, server.baseUrl);
      try {
        const caller = await newCaller(prism.baseUrl, target!.caller);
        const request = await new SeedMapper(server).request(target!, caller);
        const exchange = await call(caller.agent, operationId, request);
        expect(exchange.status, prism.output().slice(-2000)).toBe(500);
        expect(JSON.stringify(exchange.body)).toMatch(/violation/i);
      } finally {
        await prism.stop();
      }
    });
  });
});
