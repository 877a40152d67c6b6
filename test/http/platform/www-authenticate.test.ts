// 401s carry the RFC 6750 bearer challenge in `WWW-Authenticate` while the body stays the
// documented `{"message": "Unauthenticated."}`: `Bearer error="invalid_token"` for a bearer
// token that is unknown, expired or revoked, a bare `Bearer` when no credentials were sent.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Reply } from '../../support/http.js';

const t = useTestServer({ signIn: ['developer'] });

const BODY = { message: 'Unauthenticated.' };

function expectChallenge(reply: Reply, challenge: string | null) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(401);
  expect(reply.headers.get('www-authenticate')).toBe(challenge);
  expect(reply.body).toEqual(BODY);
}

/** A live developer token of the developer account: its plain text and id. */
async function newToken(name: string): Promise<{ plain: string; id: number }> {
  const created = await t.as.developer.call('createDeveloperToken', { body: { name } });
  expectStatus(created, 201);
  return { plain: created.body.plain_text_token, id: created.body.token.id };
}

describe('WWW-Authenticate on 401', () => {
  it('answers a revoked token with error="invalid_token"', async () => {
    const token = await newToken('Revoked in a test');
    const bearer = t.server.bearer(token.plain);
    expectStatus(await bearer.call('getUser', { path: { user_id: 'me' } }), 200);
    expect((await t.as.developer.call('revokeDeveloperToken', { path: { token_id: token.id } })).status).toBe(204);

    expectChallenge(await bearer.call('getUser', { path: { user_id: 'me' } }), 'Bearer error="invalid_token"');
  });

  it('answers an expired token with error="invalid_token"', async () => {
    const token = await newToken('Expired in a test');
    await t.server.rows(sql`update developer_tokens set expires_at = now() - interval '1 minute' where id = ${token.id}`);

    expectChallenge(await t.server.bearer(token.plain).call('getUser', { path: { user_id: 'me' } }), 'Bearer error="invalid_token"');
  });

  it('answers an unknown token with error="invalid_token", also where anonymous callers are served', async () => {
    const unknown = t.server.bearer(`1|${'x'.repeat(40)}`);
    expectChallenge(await unknown.call('getUser', { path: { user_id: 'me' } }), 'Bearer error="invalid_token"');
    expectChallenge(await unknown.call('listTracks'), 'Bearer error="invalid_token"');
    expectChallenge(await t.server.bearer('not-a-token').call('listGenres'), 'Bearer error="invalid_token"');
  });

  it('answers no credentials with a bare Bearer challenge (no error code, RFC 6750 3.1)', async () => {
    expectChallenge(await t.as.anonymous.call('getUser', { path: { user_id: 'me' } }), 'Bearer');
    expectChallenge(await t.as.anonymous.callUnchecked('createDeveloperToken', { body: { name: 'x' } }), 'Bearer');
  });

  it('treats an Authorization scheme other than Bearer as no bearer credentials', async () => {
    const reply = await t.as.anonymous.call('getUser', { path: { user_id: 'me' }, headers: { authorization: 'Basic ZGV2OnB3' } });
    expectChallenge(reply, 'Bearer');
  });

  it('sends no bearer challenge where the operation takes the session alone (/logout)', async () => {
    const browser = t.server.agent();
    await browser.csrf();
    expectChallenge(await browser.call('logout'), null);
  });

  it('sends no challenge on a successful call', async () => {
    const reply = await t.as.developer.call('getUser', { path: { user_id: 'me' } });
    expectStatus(reply, 200);
    expect(reply.headers.get('www-authenticate')).toBeNull();
  });
});
