import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../server/seed/seed.js';
import { sql } from 'drizzle-orm';
import { sha256 } from '../../../server/http/hash.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent } from '../../support/http.js';

const t = useTestServer({ signIn: ['developer', 'listener'] });

async function createToken(name: string) {
  const reply = await t.as.developer.call('createDeveloperToken', { body: { name } });
  expectStatus(reply, 201);
  return reply.body;
}
const me = (agent: Agent) => agent.call('getUser', { path: { user_id: 'me' } });

describe('developer tokens', () => {
  it('creates a token that expires 90 days later and shows its plaintext once', async () => {
    const { token, plain_text_token } = await createToken('Analytics script');
    expect(token.name).toBe('Analytics script');
    expect(plain_text_token).toMatch(new RegExp(`^${token.id}\\|[A-Za-z0-9_-]{40}$`));
    const days = (Date.parse(token.expires_at) - Date.parse(token.created_at)) / 86_400_000;
    expect(days).toBeCloseTo(90, 3);

    const listed = await t.as.developer.call('listDeveloperTokens');
    expectStatus(listed, 200);
    const entry = listed.body.tokens.find((tok) => tok.id === token.id);
    expect(entry).toEqual({ ...token, last_used_at: null });
    expect(JSON.stringify(listed.body)).not.toContain(plain_text_token.split('|')[1]);
  });

  it('stores only the hash of the secret', async () => {
    const { token, plain_text_token } = await createToken('Hash check');
    const secret = plain_text_token.split('|')[1]!;
    const rows = await t.server.rows(sql`select token_hash from developer_tokens where id = ${token.id}`);
    expect(rows).toEqual([{ token_hash: sha256(secret) }]);
  });

  it('authenticates with the token and records its last use', async () => {
    const { token, plain_text_token } = await createToken('Last use');
    const bearer = t.server.bearer(plain_text_token);
    const track = await bearer.call('getTrack', { path: { track_id: 1 } });
    expectStatus(track, 200);
    const full: { id: number; bpm?: number } = track.body.track;
    expect(full.bpm).toBeTypeOf('number');
    const listed = await t.as.developer.call('listDeveloperTokens');
    expectStatus(listed, 200);
    expect(listed.body.tokens.find((tok) => tok.id === token.id)!.last_used_at).not.toBeNull();
  });

  it('revokes a token: its next use gets 401, even on a public route', async () => {
    const { token, plain_text_token } = await createToken('To revoke');
    const bearer = t.server.bearer(plain_text_token);
    expect((await me(bearer)).status).toBe(200);

    const revoked = await t.as.developer.call('revokeDeveloperToken', { path: { token_id: token.id } });
    expect(revoked.status).toBe(204);
    const calls = [
      ['getUser', () => me(bearer)],
      ['listTracks', () => bearer.call('listTracks')],
    ] as const;
    for (const [operationId, send] of calls) {
      const reply = await send();
      expect(reply.status, operationId).toBe(401);
      expect(reply.body, operationId).toEqual({ message: 'Unauthenticated.' });
    }
    const again = await t.as.developer.call('revokeDeveloperToken', { path: { token_id: token.id } });
    expect(again.status).toBe(404);
  });

  it('refuses an expired token with 401', async () => {
    const { token, plain_text_token } = await createToken('Expiring');
    await t.server.rows(sql`update developer_tokens set expires_at = now() - interval '1 second' where id = ${token.id}`);
    const reply = await me(t.server.bearer(plain_text_token));
    expect(reply.status).toBe(401);
    const listed = await t.as.developer.call('listDeveloperTokens');
    expectStatus(listed, 200);
    expect(listed.body.tokens.some((tok) => tok.id === token.id)).toBe(false);
  });

  it('refuses a token with a wrong secret or a malformed header with 401', async () => {
    const { token } = await createToken('Guessing');
    for (const header of [`Bearer ${token.id}|${'x'.repeat(40)}`, 'Bearer nonsense', 'Basic abc']) {
      const reply = await t.server.agent({ authorization: header }).call('listGenres');
      expect(reply.status).toBe(401);
    }
  });

  it("does not let one user revoke or see another user's token", async () => {
    const { token, plain_text_token } = await createToken('Private');
    const listener = t.as.listener;
    const reply = await listener.call('revokeDeveloperToken', { path: { token_id: token.id } });
    expect(reply.status).toBe(404);
    const list = await listener.call('listDeveloperTokens');
    expectStatus(list, 200);
    expect(list.body.tokens.some((tok) => tok.id === token.id)).toBe(false);
    expect((await me(t.server.bearer(plain_text_token))).status).toBe(200);
  });

  it('requires developer access to create a token (403) and creates nothing', async () => {
    const reply = await t.as.listener.call('createDeveloperToken', { body: { name: 'Not allowed' } });
    expectStatus(reply, 403);
    expect(reply.body.message).toMatch(/Developer access has not been granted/);
    const rows = await t.server.rows(sql`select count(*)::int as n from developer_tokens where name = 'Not allowed'`);
    expect(rows[0]).toEqual({ n: 0 });
  });

  it('validates the name: 3 to 100 characters, after trimming', async () => {
    for (const name of ['ab', '   ab   ', 'x'.repeat(101)]) {
      const reply = await t.as.developer.call('createDeveloperToken', { body: { name } });
      expectStatus(reply, 422);
      expect(Object.keys(reply.body.errors)).toEqual(['name']);
    }
  });

  it('needs credentials (401) and, with a session cookie, the XSRF header (419)', async () => {
    expect((await t.as.anonymous.call('listDeveloperTokens')).status).toBe(401);
    const noHeader = await t.as.developer.call('createDeveloperToken', { body: { name: 'No header' }, xsrf: false });
    expect(noHeader.status).toBe(419);
    expect(noHeader.body).toEqual({ message: 'CSRF token mismatch.' });
  });
});

describe('live tokens per account', () => {
  const limited = useTestServer({ signIn: ['developer'] });

  it('holds at most 100 unexpired tokens: the next one gets 422, also when requested twice at once', async () => {
    const developer = limited.as.developer;
    const [{ id: userId }] = (await limited.server.rows<{ id: number }>(sql`select id from users where email = 'developer@beatpass.test'`)) as [{ id: number }];
    const [{ live }] = (await limited.server.rows<{ live: number }>(
      sql`select count(*)::int as live from developer_tokens where user_id = ${userId} and expires_at > now()`,
    )) as [{ live: number }];
    // Filled up to one below the limit directly, plus an expired token, which does not count.
    await limited.server.rows(sql`
      insert into developer_tokens (user_id, name, token_hash, expires_at)
      select ${userId}::int, 'filler', 'filler-' || n, now() + interval '1 day' from generate_series(1, ${99 - live}::int) as n
      union all select ${userId}::int, 'expired', 'expired-filler', now() - interval '1 day'`);

    const raced = await Promise.all([1, 2].map((n) => developer.call('createDeveloperToken', { body: { name: `race ${n}` } })));
    expect(raced.map((reply) => reply.status).sort()).toEqual([201, 422]);

    const refused = await developer.call('createDeveloperToken', { body: { name: 'one too many' } });
    expectStatus(refused, 422);
    expect(refused.body.errors).toEqual({ name: ['This account already has 100 developer tokens: revoke one first.'] });
    const viaSignIn = await limited.server
      .agent()
      .call('loginWithToken', { body: { email: 'developer@beatpass.test', password: DEMO_PASSWORD, token_name: 'cli' } });
    expectStatus(viaSignIn, 422);
    expect(viaSignIn.body.errors).toEqual({ token_name: ['This account already has 100 developer tokens: revoke one first.'] });

    const listed = await developer.call('listDeveloperTokens');
    expectStatus(listed, 200);
    expect(listed.body.tokens).toHaveLength(100);
    expectStatus(await developer.call('revokeDeveloperToken', { path: { token_id: listed.body.tokens[0]!.id } }), 204);
    expectStatus(await developer.call('createDeveloperToken', { body: { name: 'after revoking one' } }), 201);
  });
});
