// The playlist limits under real concurrency: on PostgreSQL (a connection pool, so the
// requests below truly overlap) simultaneous adds must not pass 500 tracks or share a
// position, and simultaneous creates must not pass 100 playlists.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent } from '../../support/http.js';
import { postgresAvailable } from '../../support/postgres.js';

const available = await postgresAvailable();

describe.runIf(available)('playlist limits on PostgreSQL', () => {
  const t = useTestServer({ postgres: { tracks: 20, poolSize: 8 }, signIn: ['developer'] });
  let agent: Agent;
  let userId: number;

  beforeAll(async () => {
    await t.server.rows(sql`insert into tracks (name, duration_ms, bpm, key, scale, licensing_type)
      select 'Filler track ' || g, 120000, 120, 'C', 'minor', 'non_exclusive_only' from generate_series(1, 520) g`);
    agent = t.as.developer;
    userId = (await t.server.rows<{ id: number }>(sql`select id from users where email = 'developer@beatpass.test'`))[0]!.id;
  });

  it('never passes 500 tracks or repeats a position under simultaneous adds', async () => {
    const created = await agent.call('createPlaylist', { body: { name: 'Concurrent adds' } });
    expectStatus(created, 200);
    const id = created.body.playlist.id;
    await t.server.rows(sql`insert into playlist_tracks (playlist_id, track_id, position)
      select ${id}, id, row_number() over (order by id) - 1 from (select id from tracks order by id limit 480) t`);
    const fresh = (
      await t.server.rows<{ id: number }>(sql`
      select id from tracks where id not in (select track_id from playlist_tracks where playlist_id = ${id}) order by id limit 30`)
    ).map((r) => r.id);
    // Ten adds of three tracks at once onto 480: six fit (498), the other four must not.
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => agent.call('addPlaylistTracks', { path: { playlist_id: id }, body: { ids: fresh.slice(i * 3, i * 3 + 3) } })),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429, 429]);
    const stored = (await t.server.rows<{ position: number }>(sql`select position from playlist_tracks where playlist_id = ${id} order by position`)).map(
      (r) => r.position,
    );
    expect(stored).toEqual(Array.from({ length: 498 }, (_, i) => i));
  });

  it('never passes 100 playlists under simultaneous creates', async () => {
    const owned = (await t.server.rows<{ n: number }>(sql`select count(*)::int as n from playlists where owner_id = ${userId}`))[0]!.n;
    await t.server.rows(sql`insert into playlists (owner_id, name) select ${userId}, 'Filler ' || g from generate_series(1, ${97 - owned}) g`);
    const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => agent.call('createPlaylist', { body: { name: `Race ${i}` } })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429, 429]);
    expect((await t.server.rows<{ n: number }>(sql`select count(*)::int as n from playlists where owner_id = ${userId}`))[0]!.n).toBe(100);
  });
});
