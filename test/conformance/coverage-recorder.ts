// Records which (operationId, status) pairs the real server answered during a test run, for
// the contract coverage report (scripts/contract-coverage.ts). test/support/server.ts calls
// `recordResponse` for every response of every test server; when CONTRACT_COVERAGE_DIR is
// set (scripts/test.sh sets it), each test process writes what it saw there as one JSON file
// per server, and the report merges them after the run. Without the variable nothing is
// written, so a plain `npx vitest run` leaves no files behind.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';

/** One coverage file: `"<operationId> <status>"` → how many responses. */
export interface CoverageFile {
  hits: Record<string, number>;
}

export class ResponseRecorder {
  private readonly hits = new Map<string, number>();

  record(operationId: string, status: number): void {
    const key = `${operationId} ${status}`;
    this.hits.set(key, (this.hits.get(key) ?? 0) + 1);
  }

  /** Writes the hits so far to CONTRACT_COVERAGE_DIR (if set) and forgets them. */
  flush(): void {
    const dir = process.env.CONTRACT_COVERAGE_DIR;
    if (!dir || this.hits.size === 0) return;
    const out = resolve(dir);
    mkdirSync(out, { recursive: true });
    const file: CoverageFile = { hits: Object.fromEntries(this.hits) };
    writeFileSync(join(out, `${process.pid}-${randomUUID()}.json`), JSON.stringify(file));
    this.hits.clear();
  }
}

const live = new Set<ResponseRecorder>();
let exitHook = false;

/** A recorder for one test server; whatever it has not flushed is written at process exit. */
export function createResponseRecorder(): ResponseRecorder {
  const recorder = new ResponseRecorder();
  live.add(recorder);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const r of live) r.flush();
    });
  }
  return recorder;
}
