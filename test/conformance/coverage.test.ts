// The contract coverage report (scripts/contract-coverage.ts) and its recorder
// (coverage-recorder.ts, called by test/support/server.ts for every response).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeCoverageFiles, renderCoverage, summarize } from '../../scripts/contract-coverage.js';
import { ResponseRecorder } from './coverage-recorder.js';

const table = { getThing: { statuses: [200, 404, 429] }, listThings: { statuses: [200, 422] } };

describe('contract coverage', () => {
  it('counts the declared (operation, status) pairs that were answered and lists undeclared ones', () => {
    const summary = summarize({ 'getThing 200': 3, 'getThing 404': 1, 'listThings 200': 2, 'listThings 500': 1 }, table);

    expect(summary.declared).toBe(5);
    expect(summary.exercised).toBe(3);
    expect(summary.percent).toBe(60);
    expect(summary.undeclared).toEqual([{ operationId: 'listThings', status: 500, hits: 1 }]);
    const text = renderCoverage(summary, 80);
    expect(text).toContain('getThing    200✓ 404✓ 429·  (2/3)');
    expect(text).toContain('= 60.0% (minimum 80%)');
    expect(text).toContain('listThings 500×1');
  });

  it('merges what each test process recorded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'beatpass-coverage-'));
    const previous = process.env.CONTRACT_COVERAGE_DIR;
    process.env.CONTRACT_COVERAGE_DIR = dir;
    try {
      const a = new ResponseRecorder();
      const b = new ResponseRecorder();
      a.record('getThing', 200);
      a.record('getThing', 200);
      b.record('getThing', 200);
      b.record('listThings', 422);
      a.flush();
      b.flush();
      b.flush(); // nothing new: no file

      expect(readdirSync(dir)).toHaveLength(2);
      expect(mergeCoverageFiles(dir)).toEqual({ hits: { 'getThing 200': 3, 'listThings 422': 1 }, files: 2 });
    } finally {
      if (previous === undefined) delete process.env.CONTRACT_COVERAGE_DIR;
      else process.env.CONTRACT_COVERAGE_DIR = previous;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
