import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './connection.js';
import { tracks, users } from './schema.js';

// The spec's bounds hold in the database too (openapi/README.md, "Bounds"): a row written
// without going through request validation still cannot break a response.
describe('the database keeps the bounds the spec promises', { timeout: 60_000 }, () => {
  let database: Database;
  let trackId: number;

  beforeAll(async () => {
    database = await openDatabase({ kind: 'pglite' });
    await database.db.insert(users).values({ email: 'bounds@beatpass.test', displayName: 'Bounds', passwordHash: 'x' });
    const [track] = await database.db
      .insert(tracks)
      .values({ name: 'Bounds', durationMs: 1000, bpm: 120, key: 'C', scale: 'major', licensingType: 'non_exclusive_only' })
      .returning({ id: tracks.id });
    trackId = track!.id;
  });

  afterAll(() => database.close());

  /** Expects a check violation (SQLSTATE 23514), however drizzle and the driver wrap it. */
  async function refused(statement: ReturnType<typeof sql>): Promise<void> {
    const error = await database.db.execute(statement).then(
      () => undefined,
      (err: unknown) => err,
    );
    const codes: unknown[] = [];
    for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) codes.push(e.code);
    expect(codes).toContain('23514');
  }

  it('accepts text up to the length the spec allows and refuses one character more', async () => {
    await database.db.execute(sql`update users set display_name = repeat('x', 255)`);
    await refused(sql`update users set display_name = repeat('x', 256)`);
    await database.db.execute(sql`update tracks set description = repeat('é', 5000) where id = ${trackId}`);
    await refused(sql`update tracks set description = repeat('é', 5001) where id = ${trackId}`);
    await refused(sql`update tracks set image = ${`https://cdn.test/${'a'.repeat(2048)}`} where id = ${trackId}`);
  });

  it('refuses numbers outside the ranges the spec states beyond the column type', async () => {
    await refused(sql`update tracks set bpm = 201 where id = ${trackId}`);
    await refused(sql`insert into plays (track_id, play_token, listened_ms) values (${trackId}, 'pt_bounds', 86400001)`);
  });
});
