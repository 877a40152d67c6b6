// Contract coverage: which (operation, declared status) pairs the test run saw the real server
// answer. test/support/server.ts records every response of every test server into
// CONTRACT_COVERAGE_DIR (one JSON file per server; see test/conformance/coverage-recorder.ts);
// this script merges them, prints a table of operations × declared statuses, and exits 1 when
// the share of exercised pairs is below MIN_COVERAGE_PERCENT. scripts/test.sh runs it after
// vitest. It counts statuses, not bodies or branches: one 404 of getTrack covers "getTrack 404".
//
//   tsx scripts/contract-coverage.ts [dir]     default .test-results/contract-coverage
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { operationTable } from '../generated/contract.js';

/**
 * The threshold, in percent of declared (operation, status) pairs. Raise it as tests are
 * added; never lower it to make a change pass. Raised 2026-11-25 from 80% once every
 * operation's 503 was provoked (test/conformance/service-unavailable.test.ts), and
 * 2026-11-26 from 90% once test/conformance/shared-errors.test.ts provoked every declared
 * 400, 401, 413, 415 and 419: every suite but the fuzz now reaches 96.2% (632 of 657) by
 * itself, whatever the fuzz seed, and the CI seed brings the run to 100%.
 */
export const MIN_COVERAGE_PERCENT = 95;

export interface CoverageSummary {
  rows: { operationId: string; statuses: { status: number; hits: number }[] }[];
  declared: number;
  exercised: number;
  percent: number;
  /** Statuses the server answered that the operation does not declare. */
  undeclared: { operationId: string; status: number; hits: number }[];
}

export function summarize(hits: Record<string, number>, table: Record<string, { statuses: readonly number[] }> = operationTable): CoverageSummary {
  const rows = Object.keys(table)
    .sort()
    .map((operationId) => ({
      operationId,
      statuses: table[operationId]!.statuses.map((status) => ({ status, hits: hits[`${operationId} ${status}`] ?? 0 })),
    }));
  const declared = rows.reduce((n, r) => n + r.statuses.length, 0);
  const exercised = rows.reduce((n, r) => n + r.statuses.filter((s) => s.hits > 0).length, 0);
  const undeclared = Object.entries(hits)
    .map(([key, count]) => {
      const [operationId, status] = key.split(' ');
      return { operationId: operationId!, status: Number(status), hits: count };
    })
    .filter(({ operationId, status }) => !table[operationId]?.statuses.includes(status))
    .sort((a, b) => a.operationId.localeCompare(b.operationId) || a.status - b.status);
  return { rows, declared, exercised, percent: declared === 0 ? 100 : (100 * exercised) / declared, undeclared };
}

export function mergeCoverageFiles(dir: string): { hits: Record<string, number>; files: number } {
  const hits: Record<string, number> = {};
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  for (const file of files) {
    const content = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { hits: Record<string, number> };
    for (const [key, count] of Object.entries(content.hits)) hits[key] = (hits[key] ?? 0) + count;
  }
  return { hits, files: files.length };
}

export function renderCoverage(summary: CoverageSummary, minimum = MIN_COVERAGE_PERCENT): string {
  const width = Math.max(...summary.rows.map((r) => r.operationId.length), 9);
  const lines = [`  ${'operation'.padEnd(width)}  declared statuses (✓ exercised, · not)`];
  for (const row of summary.rows) {
    const done = row.statuses.filter((s) => s.hits > 0).length;
    const cells = row.statuses.map((s) => `${s.status}${s.hits > 0 ? '✓' : '·'}`).join(' ');
    lines.push(`  ${row.operationId.padEnd(width)}  ${cells}  (${done}/${row.statuses.length})`);
  }
  if (summary.undeclared.length > 0) {
    lines.push(`  undeclared statuses answered: ${summary.undeclared.map((u) => `${u.operationId} ${u.status}×${u.hits}`).join(', ')}`);
  }
  lines.push(
    `Contract coverage: ${summary.exercised}/${summary.declared} declared (operation, status) pairs exercised = ${summary.percent.toFixed(1)}% (minimum ${minimum}%)`,
  );
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? '.test-results/contract-coverage');
  const { hits, files } = mergeCoverageFiles(dir);
  if (files === 0) {
    console.error(`No coverage files in ${dir}: run the tests with CONTRACT_COVERAGE_DIR=${dir} (scripts/test.sh does).`);
    process.exit(1);
  }
  const summary = summarize(hits);
  console.log(renderCoverage(summary));
  if (summary.percent < MIN_COVERAGE_PERCENT) {
    console.error(`Contract coverage ${summary.percent.toFixed(1)}% is below the minimum of ${MIN_COVERAGE_PERCENT}% (scripts/contract-coverage.ts).`);
    process.exit(1);
  }
}
