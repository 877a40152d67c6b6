// Plays every workflow of workflows.ts against the real in-process server (response
// validation on) with generated data. Each step must get its expected status and an answer
// that conforms to the contract. A failing run prints its seed and every exchange so far.
//
// Environment (the same conventions as the fuzz):
//   CI=1              fixed seed 20261125 (otherwise random; FUZZ_SEED=<n> replays a run)
//   WORKFLOW_RUNS=n   runs per workflow (default 20)
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationTable } from '../../generated/contract.js';
import { fake } from '../fuzz/arbitraries.js';
import { Agent } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { call, model, type Exchange } from './contract-calls.js';
import { workflows, type Workflow, type WorkflowState } from './workflows.js';

const FIXED_SEED = 20261125;
const BASE_SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : process.env.CI ? FIXED_SEED : Math.floor(Math.random() * 2 ** 31);
const RUNS = Number(process.env.WORKFLOW_RUNS ?? 20);

let server: TestServer;
let runCounter = 0;
const stepCounts = new Map<string, number>();

beforeAll(async () => {
  server = await startTestServer();
  console.log(
    `[workflows] seed ${BASE_SEED}${process.env.CI ? ' (fixed, CI)' : process.env.FUZZ_SEED ? ' (FUZZ_SEED)' : ' (random; replay with FUZZ_SEED)'}; ${workflows.length} workflows × ${RUNS} runs`,
  );
});

afterAll(async () => {
  const total = [...stepCounts.values()].reduce((a, b) => a + b, 0);
  console.log(
    `[workflows] seed ${BASE_SEED}: ${runCounter} runs, ${total} requests\n${workflows.map((w) => `  ${String(stepCounts.get(w.name) ?? 0).padStart(5)}  ${w.name}`).join('\n')}`,
  );
  await server?.close();
});

async function play(workflow: Workflow, seed: number): Promise<void> {
  const state: WorkflowState = { run: `${(seed >>> 0).toString(36)}x${(runCounter++).toString(36)}`, saved: {} };
  const agents = new Map<string, Agent>();
  const log: string[] = [];
  // A TOTP code signs in once per account: each run starts as if the last code were long used,
  // so runs within the same 30 seconds can each sign in with the current one.
  await server.rows(sql`update users set two_factor_last_step = null`);
  for (const [index, step] of workflow.steps.entries()) {
    const op = model(step.op);
    const generated = op.requestSchema ? fake(op.requestSchema, (seed ^ Math.imul(index + 1, 0x9e3779b1)) | 0) : undefined;
    const agentName = step.as ?? 'browser';
    if (!agents.has(agentName)) agents.set(agentName, new Agent(server.baseUrl));
    let exchange: Exchange | undefined;
    try {
      exchange = await call(agents.get(agentName)!, step.op, step.input?.(state, generated) ?? {});
      stepCounts.set(workflow.name, (stepCounts.get(workflow.name) ?? 0) + 1);
      log.push(`  ${index + 1}. ${step.op}: ${exchange.request} → ${exchange.status} ${JSON.stringify(exchange.body)?.slice(0, 300) ?? ''}`);
      expect(exchange.problems, `${step.op} breaks the contract`).toEqual([]);
      expect(exchange.status, `${step.op} (step ${index + 1}) status`).toBe(step.expect);
      step.check?.(exchange.body, state);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(`workflow "${workflow.name}", seed ${seed} (base seed ${BASE_SEED}), step ${index + 1} ${step.op}: ${message}\n${log.join('\n')}`);
    }
  }
}

describe('stateful workflows conform to the contract at every step', () => {
  it('every workflow step names an operation of the contract and a status it declares', () => {
    for (const workflow of workflows) {
      for (const step of workflow.steps) {
        expect(operationTable[step.op], `${workflow.name}: ${step.op}`).toBeDefined();
        expect(operationTable[step.op].statuses, `${workflow.name}: ${step.op} expects ${step.expect}`).toContain(step.expect);
      }
    }
  });

  for (const [index, workflow] of workflows.entries()) {
    it(workflow.name, { timeout: 120_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer(), (seed) => play(workflow, seed)),
        { seed: (BASE_SEED + index * 7919) | 0, numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});
