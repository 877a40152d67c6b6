// Collections under real concurrency: on PostgreSQL (a connection pool, so the requests truly
// overlap) simultaneous plays are each counted once, and simultaneous replacements of a
// collection's tracks leave exactly one of the sets, never a mix.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { type Agent, expectStatus } from '../../support/http.js';
import { postgresAvailable } from '../../support/postgres.js';

const available = await postgresAvailable();

describe.runIf(available)('collections on PostgreSQL', () => {
  const t = useTestServer({ postgres: { tracks: 40, poolSize: 8 }, signIn: ['developer', 'listener'] });
  let trackIds: number[];

  beforeAll(async () => {
    trackIds = (await t.server.rows<{ id: number }>(sql`select id from tracks order by id limit 40`)).map((r) => r.id);
  });

  async function create(agent: Agent, ids: number[]): Promise<number> {
    const reply = await agent.call('createCollection', { body: { name: 'Concurrent', track_ids: ids } });
    expectStatus(reply, 201);
    return reply.body.collection.id;
  }

  it('counts every one of many simultaneous plays exactly once', async () => {
    const id = await create(t.as.developer, trackIds.slice(0, 3));
    await t.server.rows(sql`update collections set featured = true where id = ${id}`);
    const plays = 40;
    const replies = await Promise.all(
      Array.from({ length: plays }, (_, i) => (i % 2 ? t.as.developer : t.as.listener).call('playCollection', { path: { collection_id: id } })),
    );
    for (const reply of replies) expectStatus(reply, 200);
    const seen = replies.map((r) => (r.status === 200 ? r.body.collection.plays : 0)).sort((a, b) => a - b);
    expect(seen).toEqual(Array.from({ length: plays }, (_, i) => i + 1));
    const [row] = await t.server.rows<{ plays: number }>(sql`select plays from collections where id = ${id}`);
    expect(row!.plays).toBe(plays);
  });

  it('applies simultaneous replacements of the tracks one after the other', async () => {
    const id = await create(t.as.developer, trackIds.slice(0, 2));
    const sets = Array.from({ length: 8 }, (_, i) => trackIds.slice(i * 4, i * 4 + 4).reverse());
    const replies = await Promise.all(sets.map((track_ids) => t.as.developer.call('updateCollection', { path: { collection_id: id }, body: { track_ids } })));
    for (const reply of replies) expectStatus(reply, 200);
    const stored = (
      await t.server.rows<{ track_id: number; position: number }>(
        sql`select track_id, position from collection_tracks where collection_id = ${id} order by position`,
      )
    ).map((r) => r.track_id);
    expect(sets).toContainEqual(stored);
  });
});
