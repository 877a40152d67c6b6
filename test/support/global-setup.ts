// Builds one migrated and seeded embedded database per test run and stores its snapshot,
// so each test file starts its own copy in about a second instead of seeding (~5 s).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/db/connection.js';
import { seedDemoData } from '../../server/seed/seed.js';

export default async function setup(project: TestProject) {
  // scripts/test.sh runs suites again on another Node line through PATH: a PATH that did not take
  // would pass them on this machine's Node and prove nothing.
  const expectedMajor = process.env.TEST_NODE_MAJOR;
  if (expectedMajor && process.versions.node.split('.')[0] !== expectedMajor) {
    throw new Error(`TEST_NODE_MAJOR is ${expectedMajor}, but vitest runs on Node ${process.versions.node}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'beatpass-test-db-'));
  const snapshot = join(dir, 'seeded.tar');
  const database = await openDatabase({ kind: 'pglite' });
  await seedDemoData(database.db);
  const blob = await database.dumpDataDir!();
  writeFileSync(snapshot, Buffer.from(await blob.arrayBuffer()));
  await database.close();
  project.provide('seededSnapshot', snapshot);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    seededSnapshot: string;
  }
}
