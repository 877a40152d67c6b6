import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../server/db/seed.js';
import { Agent } from '../../support/http.js';
import { startTestServer, type TestServer } from '../../support/server.js';

let server: TestServer;
let anonymous: Agent;
let producer: Agent;
let listener: Agent;
let producerArtist: { id: number; name: string };

beforeAll(async () => {
  server = await startTestServer();
  anonymous = new Agent(server.baseUrl);
  producer = await server.signIn('producer@beatpass.test');
  listener = await server.signIn('listener@beatpass.test');
  const [row] = await server.rows<{ id: number; name: string }>(sql`select a.id, a.name from artists a join users u on u.id = a.user_id
    where u.email = 'producer@beatpass.test'`);
  producerArtist = row!;
});
afterAll(async () => { await server.close(); });

const check = (agent: Agent, id: number | string) => agent.request('GET', `/api/v1/artists/${id}/check-ownership`);

describe('GET /api/v1/artists/{artist_id}/check-ownership', () => {
  it("answers owned: true to the artist's manager, with a session or a developer token", async () => {
    const reply = await check(producer, producerArtist.id);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ owned: true, artist_id: producerArtist.id, artist_name: producerArtist.name });

    const login = await anonymous.request('POST', '/api/v1/auth/login', {
      json: { email: 'producer@beatpass.test', password: DEMO_PASSWORD, token_name: 'ownership check' },
    });
    const bearer = new Agent(server.baseUrl, { authorization: `Bearer ${login.body.user.access_token}` });
    expect((await check(bearer, producerArtist.id)).body.owned).toBe(true);
  });

  it('answers owned: false to another user and to anonymous callers', async () => {
    for (const agent of [listener, anonymous]) {
      const reply = await check(agent, producerArtist.id);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ owned: false, artist_id: producerArtist.id, artist_name: producerArtist.name });
    }
    const [orphan] = await server.rows<{ id: number }>(sql`select id from artists where user_id is null order by id limit 1`);
    expect((await check(producer, orphan!.id)).body.owned).toBe(false);
  });

  it('answers 404 for an unknown artist, 422 for a malformed id and 401 for an invalid token', async () => {
    const missing = await check(producer, 999999);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Artist not found.' });
    const malformed = await check(anonymous, 'abc');
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors).toHaveProperty('artist_id');
    const refused = await check(new Agent(server.baseUrl, { authorization: 'Bearer 1|not-a-real-token' }), producerArtist.id);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ message: 'Unauthenticated.' });
  });
});
