// The fuzz's failure reports are shrunk: the fuzz machinery (runner.ts) is pointed at a
// deliberately broken handler (`handlerOverrides`) whose trigger is known, and the reported
// counterexample must be the smallest request that pulls that trigger, with live secrets
// hidden and the seed and path that replay it. The broken operation is chosen from the table:
// the first anonymous GET without path parameters that has optional query parameters, so that
// there is something to shrink away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppOptions } from '../../server/app.js';
import type { RequestContext } from '../../server/http/request-context.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { realHandlers, type RealHandlers } from '../conformance/real-handlers.js';
import type { FuzzCase } from './arbitraries.js';
import { CredentialManager } from './credentials.js';
import { FuzzRunner, type FuzzFailure } from './runner.js';
import { operations, type OperationModel } from './spec.js';

const target = operations.find(
  (op) => op.info.method === 'GET' && op.info.anonymous && op.pathParams.length === 0 && op.queryParams.length > 0 && op.queryParams.every((p) => !p.required),
);
if (!target) throw new Error('no anonymous GET with optional query parameters to break');
const op: OperationModel = target;

/** Which requests reaching the broken handler fail; the others get the real handler's answer. */
let trigger: (auth: RequestContext) => boolean = () => false;

let server: TestServer;
let credentials: CredentialManager;
let runner: FuzzRunner;

beforeAll(async () => {
  let real: RealHandlers;
  const overrides = {
    [op.id]: async (input: { auth: RequestContext }) => {
      if (trigger(input.auth)) throw new Error('deliberately broken handler');
      return (real[op.id] as unknown as (i: unknown) => Promise<unknown>)(input);
    },
  } as unknown as AppOptions['handlerOverrides'];
  server = await startTestServer({ handlerOverrides: overrides });
  real = await realHandlers(server);
  credentials = new CredentialManager(server.baseUrl);
  await credentials.init();
  runner = new FuzzRunner(server, credentials);
});
afterAll(async () => {
  await server?.close();
});

const size = (c: FuzzCase) => JSON.stringify(c).length;

/** Runs seeds until the first failure found is not already minimal, so that shrinking has work to do. */
async function shrunkFailure(isMinimal: (c: FuzzCase) => boolean): Promise<FuzzFailure> {
  for (let seed = 1; seed <= 20; seed++) {
    const failure = await runner.run(op, { seed, numRuns: 200, replayHint: (path) => `FUZZ_PATH=${path}` });
    if (!failure) throw new Error(`seed ${seed}: the broken handler was never reached in 200 runs`);
    if (!isMinimal(failure.original!)) return failure;
  }
  throw new Error('every seed failed first on an already minimal request');
}

describe(`fuzz failures are shrunk to the minimal request (breaking ${op.id})`, () => {
  it('a handler that fails for every request reaching it: an anonymous request without query or body', async () => {
    trigger = () => true;
    const minimal: FuzzCase = { credential: 'anonymous', credentialVariant: '', accept: 'application/json', pathValues: {}, query: '', body: null };
    const failure = await shrunkFailure((c) => JSON.stringify(c) === JSON.stringify(minimal));

    expect(failure.counterexample).toEqual(minimal);
    expect(failure.numShrinks).toBeGreaterThan(0);
    expect(size(failure.counterexample)).toBeLessThan(size(failure.original!));
    expect(failure.report).toContain(`${op.id}: status 500 is not declared`);
    expect(failure.report).toContain(`minimal request (shrunk ${failure.numShrinks} time`);
    expect(failure.report).toContain(`\n    GET ${op.info.path}\n    credential: anonymous\n    headers: {"accept":"application/json"}\n`);
    expect(failure.report).toContain(`fast-check seed ${failure.seed}, path ${failure.path}; replay: FUZZ_PATH=${failure.path}`);
  });

  it('a handler that fails only for signed-in callers: a signed-in request, its secrets hidden', async () => {
    trigger = (auth) => auth.user !== null;
    const failure = await shrunkFailure((c) => c.query === '' && c.accept === 'application/json');

    expect(['session', 'bearer', 'bearerPlusSession']).toContain(failure.counterexample.credential);
    expect(failure.counterexample.query).toBe('');
    expect(failure.counterexample.accept).toBe('application/json');
    expect(failure.request!.target).toBe(op.info.path);
    const { session, bearer } = credentials.shared;
    for (const secret of [bearer.token, session.xsrf, ...session.cookie.split('; ').map((part) => part.split('=')[1]!)]) {
      expect(failure.report).not.toContain(secret);
    }
    expect(failure.report).toMatch(/‹token›|‹session session›/);
  });
});
