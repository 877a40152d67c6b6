// The playlist limits under real concurrency: on PostgreSQL (a connection pool, so the
// requests below truly overlap) simultaneous adds must not pass 500 tracks or share a
// position, and simultaneous creates must not pass 100 playlists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { createApp } from '../../../server/app.js';
import { openDatabase, type Database } from '../../../server/db/connection.js';
import { DEMO_PASSWORD, seedDemoData } from '../../../server/seed/seed.js';
import { Agent, expectStatus } from '../../support/http.js';
import { createTestStorage } from '../../support/storage.js';
import { createScratchDatabase, postgresAvailable } from '../../support/postgres.js';

const available = await postgresAvailable();

describe.runIf(available)('playlist limits on PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let database: Database;
  let server: Server;
  let agent: Agent;
  let userId: number;
  const rows = async <T>(query: ReturnType<typeof sql>) => ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    database = await openDatabase({ kind: 'postgres', url: scratch.url, poolSize: 8 });
    await seedDemoData(database.db, { tracks: 20 });
    await rows(sql`insert into tracks (name, duration_ms, bpm, key, scale, licensing_type)
      select 'Filler track ' || g, 120000, 120, 'C', 'minor', 'non_exclusive_only' from generate_series(1, 520) g`);
    const app = createApp({
      db: database.db,
      logger: pino({ level: 'silent' }),
      validateResponses: true,
      secureCookies: false,
      storage: await createTestStorage(),
    });
    server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    agent = new Agent(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await agent.call('getCsrfCookie');
    await agent.call('login', { body: { email: 'developer@beatpass.test', password: DEMO_PASSWORD } });
    userId = (await rows<{ id: number }>(sql`select id from users where email = 'developer@beatpass.test'`))[0]!.id;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await database?.close();
    await scratch?.drop();
  });

  it('never passes 500 tracks or repeats a position under simultaneous adds', async () => {
    const created = await agent.call('createPlaylist', { body: { name: 'Concurrent adds' } });
    expectStatus(created, 200);
    const id = created.body.playlist.id;
    await rows(sql`insert into playlist_tracks (playlist_id, track_id, position)
      select ${id}, id, row_number() over (order by id) - 1 from (select id from tracks order by id limit 480) t`);
    const fresh = (
      await rows<{ id: number }>(sql`
      select id from tracks where id not in (select track_id from playlist_tracks where playlist_id = ${id}) order by id limit 30`)
    ).map((r) => r.id);
    // Ten adds of three tracks at once onto 480: six fit (498), the other four must not.
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => agent.call('addPlaylistTracks', { path: { playlist_id: id }, body: { ids: fresh.slice(i * 3, i * 3 + 3) } })),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429, 429]);
    const stored = (await rows<{ position: number }>(sql`select position from playlist_tracks where playlist_id = ${id} order by position`)).map(
      (r) => r.position,
    );
    expect(stored).toEqual(Array.from({ length: 498 }, (_, i) => i));
  });

  it('never passes 100 playlists under simultaneous creates', async () => {
    const owned = (await rows<{ n: number }>(sql`select count(*)::int as n from playlists where owner_id = ${userId}`))[0]!.n;
    await rows(sql`insert into playlists (owner_id, name) select ${userId}, 'Filler ' || g from generate_series(1, ${97 - owned}) g`);
    const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => agent.call('createPlaylist', { body: { name: `Race ${i}` } })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429, 429]);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from playlists where owner_id = ${userId}`))[0]!.n).toBe(100);
  });
});
