import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../server/seed/seed.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';
import { postgresAvailable } from '../../support/postgres.js';

const available = await postgresAvailable();

describe.runIf(available)('the same app on PostgreSQL (DATABASE_URL)', () => {
  const t = useTestServer({ postgres: { tracks: 40, poolSize: 4 } });

  it('runs the migrations and serves the seeded catalog with integer counts', async () => {
    const reply = await t.as.anonymous.call('listTracks', { query: { per_page: 10 } });
    expectStatus(reply, 200);
    expect(reply.body.pagination).toMatchObject({ total: 40, last_page: 4, per_page: 10 });
    expect(typeof reply.body.pagination.total).toBe('number');
  });

  it('signs in with a session, searches, and creates and revokes a developer token', async () => {
    const agent = t.server.agent();
    await agent.call('getCsrfCookie');
    expect((await agent.call('login', { body: { email: 'developer@beatpass.test', password: DEMO_PASSWORD } })).status).toBe(200);
    const search = await agent.call('listTracks', { query: { query: 'beat' } });
    expect(search.status).toBe(200);
    const created = await agent.call('createDeveloperToken', { body: { name: 'On Postgres' } });
    expectStatus(created, 201);
    const bearer = t.server.bearer(created.body.plain_text_token);
    const artist = await bearer.call('getArtist', { path: { artist_id: 1 } });
    expectStatus(artist, 200);
    const full: { id: number; top_tracks?: unknown } = artist.body.artist;
    expect(full.top_tracks).toBeDefined();
    expect((await agent.call('revokeDeveloperToken', { path: { token_id: created.body.token.id } })).status).toBe(204);
    expect((await bearer.call('getUser', { path: { user_id: 'me' } })).status).toBe(401);
  });
});
