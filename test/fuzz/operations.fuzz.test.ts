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
//   FUZZ_REQUESTS=n  total request budget, split evenly over the operations (default 3000), so
//                    the run stays the same size as operations are added (at least 10 each)
//   FUZZ_OPERATION=id, FUZZ_PATH=p  run one operation only, replaying the counterexample at
//                    fast-check path p (both are printed with a failure, with the seed)
//   FUZZ_SURVEY=1    do not stop at the first failure: collect every violation, print them
//                    grouped, and fail once at the end (no shrinking)
//   FUZZ_TRACE=file  append one line per exchange (operation, request, status, body) to file
//
// A failure is shrunk by fast-check and reported as the minimal request (runner.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { CredentialManager } from './credentials.js';
import { DESTRUCTIVE, FuzzRunner } from './runner.js';
import { formatAjvErrors, operations, type OperationModel } from './spec.js';

const FIXED_SEED = 20261125;
const BASE_SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : process.env.CI ? FIXED_SEED : Math.floor(Math.random() * 2 ** 31);
const TOTAL_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3000);
const RUNS_PER_OPERATION = Math.max(10, Math.ceil(TOTAL_REQUESTS / operations.length));
const SURVEY = process.env.FUZZ_SURVEY === '1';
const ONLY = process.env.FUZZ_OPERATION;
const REPLAY_PATH = process.env.FUZZ_PATH;

/** fnv-1a, so each operation's seed depends on the base seed and its id, not its position. */
function operationSeed(id: string): number {
  let hash = 0x811c9dc5 ^ BASE_SEED;
  for (const char of id) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return hash | 0;
}

const replayHint = (op: OperationModel) => (path: string) =>
  `FUZZ_SEED=${BASE_SEED} FUZZ_OPERATION=${op.id} FUZZ_PATH=${path} npx vitest run test/fuzz/operations.fuzz.test.ts` +
  ' (alone, the operation misses the state earlier operations left; FUZZ_SEED alone replays the whole run)';

let server: TestServer;
let credentials: CredentialManager;
let runner: FuzzRunner;
let started = 0;

beforeAll(async () => {
  server = await startTestServer();
  credentials = new CredentialManager(server.baseUrl);
  await credentials.init();
  runner = new FuzzRunner(server, credentials, { survey: SURVEY, trace: process.env.FUZZ_TRACE });
  started = Date.now();
  console.log(
    `[fuzz] seed ${BASE_SEED}${process.env.CI ? ' (fixed, CI)' : process.env.FUZZ_SEED ? ' (FUZZ_SEED)' : ' (random; replay with FUZZ_SEED)'}; ` +
      `${operations.length} operations × ${RUNS_PER_OPERATION} runs (FUZZ_REQUESTS=${TOTAL_REQUESTS})${SURVEY ? '; survey mode' : ''}`,
  );
});

afterAll(async () => {
  const counts = runner?.counts ?? new Map<string, number>();
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const lines = operations.map((op) => {
    const seen = [...(runner?.statusesSeen.get(op.id) ?? new Map<number, number>()).entries()].sort(([a], [b]) => a - b);
    return `  ${op.id.padEnd(28)} ${String(counts.get(op.id) ?? 0).padStart(5)}  ${seen.map(([s, n]) => `${s}×${n}`).join(' ')}`;
  });
  console.log(
    `[fuzz] seed ${BASE_SEED}: ${total} fuzz requests (+${credentials?.supportRequests ?? 0} for credentials) in ${((Date.now() - started) / 1000).toFixed(1)} s\n${lines.join('\n')}` +
      (credentials?.restored.length ? `\n[fuzz] restored shared credentials: ${credentials.restored.join('; ')}` : ''),
  );
  if (runner && runner.surveyed.size > 0) {
    const grouped = [...runner.surveyed.values()].sort((a, b) => b.count - a.count).map((e) => `×${e.count}\n${e.example}`);
    console.log(`[fuzz] ${runner.surveyed.size} distinct violations:\n\n${grouped.join('\n\n')}`);
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
    it.skipIf(ONLY !== undefined && ONLY !== op.id)(`${op.id} (${op.info.method} ${op.info.path})`, { timeout: 180_000 }, async () => {
      const failure = await runner.run(op, { seed: operationSeed(op.id), numRuns: RUNS_PER_OPERATION, path: REPLAY_PATH, replayHint: replayHint(op) });
      // Restore the shared credentials even after a failure, so later operations keep valid auth.
      const broken = await credentials.ensureShared();
      if (failure) throw new Error(failure.report);
      if (!DESTRUCTIVE.has(op.id)) {
        expect(broken, `${op.id} invalidated shared credentials; if that is intended, add it to DESTRUCTIVE in runner.ts`).toEqual([]);
      }
    });
  }

  if (SURVEY) {
    it('survey: no contract violations', () => {
      expect([...runner.surveyed.keys()]).toEqual([]);
    });
  }
});
