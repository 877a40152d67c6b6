import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../server/seed/seed.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent } from '../../support/http.js';

const t = useTestServer({ signIn: ['producer', 'listener'] });
let producerArtist: { id: number; name: string };

beforeAll(async () => {
  const [row] = await t.server.rows<{ id: number; name: string }>(sql`select a.id, a.name from artists a join users u on u.id = a.user_id
    where u.email = 'producer@beatpass.test'`);
  producerArtist = row!;
});

const check = (agent: Agent, id: number) => agent.call('checkArtistOwnership', { path: { artist_id: id } });

describe('GET /api/v1/artists/{artist_id}/check-ownership', () => {
  it("answers owned: true to the artist's manager, with a session or a developer token", async () => {
    const reply = await check(t.as.producer, producerArtist.id);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ owned: true, artist_id: producerArtist.id, artist_name: producerArtist.name });

    const login = await t.as.anonymous.call('loginWithToken', {
      body: { email: 'producer@beatpass.test', password: DEMO_PASSWORD, token_name: 'ownership check' },
    });
    expectStatus(login, 200);
    const bearer = t.server.bearer(login.body.user.access_token);
    const viaToken = await check(bearer, producerArtist.id);
    expectStatus(viaToken, 200);
    expect(viaToken.body.owned).toBe(true);
  });

  it('answers owned: false to another user and to anonymous callers', async () => {
    for (const agent of [t.as.listener, t.as.anonymous]) {
      const reply = await check(agent, producerArtist.id);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ owned: false, artist_id: producerArtist.id, artist_name: producerArtist.name });
    }
    const [orphan] = await t.server.rows<{ id: number }>(sql`select id from artists where user_id is null order by id limit 1`);
    const unowned = await check(t.as.producer, orphan!.id);
    expectStatus(unowned, 200);
    expect(unowned.body.owned).toBe(false);
  });

  it('answers 404 for an unknown artist, 422 for a malformed id and 401 for an invalid token', async () => {
    const missing = await check(t.as.producer, 999999);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Artist not found.' });
    const malformed = await t.as.anonymous.callUnchecked('checkArtistOwnership', { path: { artist_id: 'abc' } });
    expectStatus(malformed, 422);
    expect(malformed.body.errors).toHaveProperty('artist_id');
    const refused = await check(t.server.bearer('1|not-a-real-token'), producerArtist.id);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ message: 'Unauthenticated.' });
  });
});
