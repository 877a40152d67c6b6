// Where uploaded audio lives. The local backend keeps files under STORAGE_DIR; an
// S3-compatible backend can implement the same interface later.
import { mkdir, rename, rm, copyFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';

export interface Storage {
  /** A directory on the same filesystem for uploads in progress. */
  readonly tempDir: string;
  /** Moves a finished temporary file into storage and returns its key. */
  adopt(tempPath: string, extension: string): Promise<string>;
  /** A local path to stream the stored file from. */
  localPath(key: string): string;
  remove(key: string): Promise<void>;
}

export async function createLocalStorage(root: string): Promise<Storage> {
  const base = resolve(root);
  const tempDir = join(base, 'tmp');
  await mkdir(tempDir, { recursive: true });
  await mkdir(join(base, 'audio'), { recursive: true });
  const pathOf = (key: string) => {
    if (!/^audio\/[0-9a-f-]{36}\.[a-z0-9]+$/.test(key)) throw new Error(`Invalid storage key ${key}`);
    return join(base, key);
  };
  return {
    tempDir,
    async adopt(tempPath, extension) {
      const key = `audio/${randomUUID()}.${extension}`;
      try {
        await rename(tempPath, pathOf(key));
      } catch (err) {
        // A temp dir on another device (a mounted volume) cannot be renamed across.
        if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
        await copyFile(tempPath, pathOf(key));
        await rm(tempPath, { force: true });
      }
      return key;
    },
    localPath: pathOf,
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
