import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openSeededDatabase } from '../../test/support/server.js';
import { createTestStorage } from '../../test/support/storage.js';
import { seedDemoAudio } from './demo-audio.js';

describe('seedDemoAudio', () => {
  const opened: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    for (const db of opened) await db.close();
  });

  it("gives the producer's newest tracks real, analysed audio in storage", async () => {
    const database = await openSeededDatabase();
    opened.push(database);
    const storage = await createTestStorage();
    const [producer] = ((await database.db.execute(sql`select id from users where email = 'producer@beatpass.test'`)) as unknown as { rows: { id: number }[] })
      .rows;
    expect(await seedDemoAudio(database.db, storage, producer!.id, 2)).toBe(2);
    const rows = (
      (await database.db.execute(
        sql`select t.duration_ms, f.storage_key, jsonb_array_length(f.peaks) as peaks from tracks t join file_entries f on f.id = t.file_entry_id`,
      )) as unknown as { rows: { duration_ms: number; storage_key: string; peaks: number }[] }
    ).rows;
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.duration_ms).toBe(30_000);
      expect(row.peaks).toBe(512);
      expect(existsSync(join(storage.root, row.storage_key))).toBe(true);
    }
  });
});
