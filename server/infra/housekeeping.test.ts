import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, postgresAvailable } from '../../test/support/postgres.js';
import { createTestStorage } from '../../test/support/storage.js';
import { openDatabase, type Database } from '../db/connection.js';
import { developerTokens, fileEntries, sessions, tracks, users } from '../db/schema.js';
import type { Storage } from '../storage/storage.js';
import { startHousekeeping } from './housekeeping.js';

const HOUR = 3600_000;

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`housekeeping on ${kind === 'pglite' ? 'the embedded database' : 'PostgreSQL'}`, { timeout: 30_000 }, () => {
    let database: Database | undefined;
    let dropScratch: (() => Promise<void>) | undefined;
    let userId: number;
    let storage: Storage;

    beforeAll(async () => {
      if (kind === 'postgres') {
        if (!(await postgresAvailable())) return;
        const scratch = await createScratchDatabase();
        dropScratch = scratch.drop;
        database = await openDatabase({ kind: 'postgres', url: scratch.url, poolSize: 2 });
      } else {
        database = await openDatabase({ kind: 'pglite' });
      }
      const [user] = await database.db
        .insert(users)
        .values({ email: 'keeper@beatpass.test', username: 'keeper', displayName: 'Keeper', passwordHash: 'x' })
        .returning({ id: users.id });
      userId = user!.id;
      storage = await createTestStorage();
    });
    afterAll(async () => {
      await database?.close();
      await dropScratch?.();
    });

    /** One expired and one live row of each kind. */
    async function insertRows(tag: string) {
      const db = database!.db;
      const past = new Date(Date.now() - HOUR);
      const future = new Date(Date.now() + HOUR);
      await db.insert(sessions).values([
        { id: `expired-session-${tag}`, userId, expiresAt: past },
        { id: `expired-pending-${tag}`, pendingUserId: userId, expiresAt: past },
        { id: `live-session-${tag}`, userId, expiresAt: future },
      ]);
      await db.insert(developerTokens).values([
        { userId, name: `expired-${tag}`, tokenHash: `expired-${tag}`, expiresAt: past },
        { userId, name: `live-${tag}`, tokenHash: `live-${tag}`, expiresAt: future },
      ]);
    }

    async function remaining(): Promise<string[]> {
      const result = await database!.db.execute<{ name: string }>(
        sql`select id as name from sessions union all select name from developer_tokens order by name`,
      );
      return (result as unknown as { rows: { name: string }[] }).rows.map((row) => row.name);
    }

    it('deletes expired sessions, pending sign-ins and tokens at start, then at every interval, and keeps live ones', async (ctx) => {
      if (!database) return ctx.skip();
      await insertRows('a');
      const housekeeping = startHousekeeping(database.db, { intervalMs: 200, uploads: { storage, maxAgeMs: 24 * HOUR } });
      try {
        await expect.poll(remaining, { timeout: 5_000 }).toEqual(['live-a', 'live-session-a']);

        await insertRows('b');
        await expect.poll(remaining, { timeout: 5_000 }).toEqual(['live-a', 'live-b', 'live-session-a', 'live-session-b']);
        expect(await housekeeping.runOnce()).toEqual({ sessions: 0, developerTokens: 0, unpublishedUploads: 0 });
      } finally {
        await housekeeping.stop();
      }
    });

    /** A stored file and its upload row, created `ageMs` ago. */
    async function storeUpload(name: string, ageMs: number): Promise<{ id: number; path: string }> {
      const temp = join(storage.tempDir, name);
      writeFileSync(temp, 'RIFF');
      const storageKey = await storage.adopt(temp, 'wav');
      const [entry] = await database!.db
        .insert(fileEntries)
        .values({
          ownerId: userId,
          originalName: name,
          mimeType: 'audio/wav',
          sizeBytes: 4,
          storageKey,
          durationMs: 2000,
          sampleRate: 8000,
          channels: 1,
          peaks: [],
          createdAt: new Date(Date.now() - ageMs),
        })
        .returning({ id: fileEntries.id });
      return { id: entry!.id, path: storage.localPath(storageKey) };
    }

    it('deletes uploads never published once older than the expiry, with their files, and keeps published and recent ones', async (ctx) => {
      if (!database) return ctx.skip();
      const stale = await storeUpload('stale.wav', 25 * HOUR);
      const published = await storeUpload('published.wav', 25 * HOUR);
      const recent = await storeUpload('recent.wav', 23 * HOUR);
      await database.db.insert(tracks).values({
        name: `Published ${kind}`,
        durationMs: 2000,
        bpm: 140,
        key: 'F#',
        scale: 'minor',
        licensingType: 'non_exclusive_only',
        ownerId: userId,
        fileEntryId: published.id,
      });

      const housekeeping = startHousekeeping(database.db, { intervalMs: 60_000, uploads: { storage, maxAgeMs: 24 * HOUR } });
      // Stopping waits for the purge that runs at start.
      await housekeeping.stop();
      const kept = (await database.db.select({ id: fileEntries.id }).from(fileEntries)).map((row) => row.id);
      expect(kept.sort()).toEqual([published.id, recent.id].sort());
      expect([stale, published, recent].map((upload) => existsSync(upload.path))).toEqual([false, true, true]);
      expect((await housekeeping.runOnce()).unpublishedUploads).toBe(0);
    });
  });
}
