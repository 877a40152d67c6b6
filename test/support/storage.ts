// Each test server stores uploads in its own temporary directory, removed at process exit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalStorage, type Storage } from '../../server/storage/storage.js';

const created: string[] = [];
process.once('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

export async function createTestStorage(): Promise<Storage & { root: string }> {
  const root = mkdtempSync(join(tmpdir(), 'beatpass-storage-'));
  created.push(root);
  return Object.assign(await createLocalStorage(root), { root });
}
