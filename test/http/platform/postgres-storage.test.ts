import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { pino } from 'pino';
import { createApp } from '../../../server/app.js';
import { openDatabase, type Database } from '../../../server/db/connection.js';
import { DEMO_PASSWORD, seedDemoData } from '../../../server/seed/seed.js';
import { Agent, expectStatus } from '../../support/http.js';
import { createTestStorage } from '../../support/storage.js';
import { createScratchDatabase, postgresAvailable } from '../../support/postgres.js';

const available = await postgresAvailable();

describe.runIf(available)('the same app on PostgreSQL (DATABASE_URL)', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let database: Database;
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    database = await openDatabase({ kind: 'postgres', url: scratch.url, poolSize: 4 });
    await seedDemoData(database.db, { tracks: 40 });
    const app = createApp({
      db: database.db,
      logger: pino({ level: 'silent' }),
      validateResponses: true,
      secureCookies: false,
      storage: await createTestStorage(),
    });
    server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await database?.close();
    await scratch?.drop();
  });

  it('runs the migrations and serves the seeded catalog with integer counts', async () => {
    const reply = await new Agent(baseUrl).call('listTracks', { query: { per_page: 10 } });
    expectStatus(reply, 200);
    expect(reply.body.pagination).toMatchObject({ total: 40, last_page: 4, per_page: 10 });
    expect(typeof reply.body.pagination.total).toBe('number');
  });

  it('signs in with a session, searches, and creates and revokes a developer token', async () => {
    const agent = new Agent(baseUrl);
    await agent.call('getCsrfCookie');
    expect((await agent.call('login', { body: { email: 'developer@beatpass.test', password: DEMO_PASSWORD } })).status).toBe(200);
    const search = await agent.call('listTracks', { query: { query: 'beat' } });
    expect(search.status).toBe(200);
    const created = await agent.call('createDeveloperToken', { body: { name: 'On Postgres' } });
    expectStatus(created, 201);
    const bearer = new Agent(baseUrl, { authorization: `Bearer ${created.body.plain_text_token}` });
    const artist = await bearer.call('getArtist', { path: { artist_id: 1 } });
    expectStatus(artist, 200);
    const full: { id: number; top_tracks?: unknown } = artist.body.artist;
    expect(full.top_tracks).toBeDefined();
    expect((await agent.call('revokeDeveloperToken', { path: { token_id: created.body.token.id } })).status).toBe(204);
    expect((await bearer.call('getUser', { path: { user_id: 'me' } })).status).toBe(401);
  });
});
