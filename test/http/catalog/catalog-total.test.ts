// The track list's `total` comes from a counter the database keeps (migration 0009), not
// from counting every track per request; these tests hold it to the real count through
// every way rows come and go.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type CallInput } from '../../support/http.js';

const t = useTestServer();

/** The `total` the track list reports for this query. */
async function totalOf(query: CallInput<'listTracks'>['query']): Promise<number> {
  const reply = await t.as.anonymous.call('listTracks', { query });
  expectStatus(reply, 200);
  return reply.body.pagination.total;
}
const listed = () => totalOf({ per_page: 1 });
const counted = async () => (await t.server.rows<{ n: number }>(sql`select count(*)::int as n from tracks`))[0]!.n;

const insertTracks = (prefix: string, n: number) =>
  t.server.rows(sql`
  insert into tracks (name, duration_ms, bpm, key, scale, licensing_type)
  select ${prefix} || ' ' || g, 120000, 90, 'C', 'minor', 'non_exclusive' from generate_series(1, ${n}::int) g`);

describe('the track list total', () => {
  it('is the number of tracks in the seeded catalog', async () => {
    expect(await listed()).toBe(await counted());
    expect(await counted()).toBeGreaterThan(100);
  });

  it('follows single inserts, bulk inserts and deletes, and a transaction rolled back changes nothing', async () => {
    const before = await counted();
    await insertTracks('Counter single', 1);
    await insertTracks('Counter bulk', 40);
    expect(await listed()).toBe(before + 41);

    await t.server.rows(sql`delete from tracks where name like 'Counter bulk %' and id % 2 = 0`);
    expect(await listed()).toBe(await counted());

    await t.server.database.db
      .transaction(async (tx) => {
        await tx.execute(
          sql`insert into tracks (name, duration_ms, bpm, key, scale, licensing_type) values ('Counter rolled back', 1, 90, 'C', 'minor', 'non_exclusive')`,
        );
        tx.rollback();
      })
      .catch(() => undefined);
    expect(await listed()).toBe(await counted());
  });

  it('counts only matches for a search, as before', async () => {
    await insertTracks('Zyzzyva', 3);
    expect(await totalOf({ query: 'zyzzyva' })).toBe(3);
  });

  it('drops to zero when the table is truncated', async () => {
    await t.server.rows(sql`truncate tracks cascade`);
    expect(await listed()).toBe(0);
    await insertTracks('After truncate', 2);
    expect(await listed()).toBe(2);
  });
});
