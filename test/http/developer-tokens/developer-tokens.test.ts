import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD } from '../../../server/db/seed.js';
import { sha256 } from '../../../server/http/hash.js';
import { Agent } from '../../support/http.js';
import { startTestServer, type TestServer } from '../../support/server.js';

let server: TestServer;
let developer: Agent;
beforeAll(async () => {
  server = await startTestServer();
  developer = await server.signIn('developer@beatpass.test');
});
afterAll(async () => { await server.close(); });

async function createToken(name: string) {
  const reply = await developer.request('POST', '/api/v1/developer-tokens', { json: { name }, xsrf: true });
  expect(reply.status).toBe(201);
  return reply.body as { token: { id: number; name: string; expires_at: string; created_at: string }; plain_text_token: string };
}

describe('developer tokens', () => {
  it('creates a token that expires 90 days later and shows its plaintext once', async () => {
    const { token, plain_text_token } = await createToken('Analytics script');
    expect(token.name).toBe('Analytics script');
    expect(plain_text_token).toMatch(new RegExp(`^${token.id}\\|[A-Za-z0-9_-]{40}$`));
    const days = (Date.parse(token.expires_at) - Date.parse(token.created_at)) / 86_400_000;
    expect(days).toBeCloseTo(90, 3);

    const listed = await developer.request('GET', '/api/v1/developer-tokens');
    expect(listed.status).toBe(200);
    const entry = listed.body.tokens.find((t: { id: number }) => t.id === token.id);
    expect(entry).toEqual({ ...token, last_used_at: null });
    expect(JSON.stringify(listed.body)).not.toContain(plain_text_token.split('|')[1]);
  });

  it('stores only the hash of the secret', async () => {
    const { token, plain_text_token } = await createToken('Hash check');
    const secret = plain_text_token.split('|')[1]!;
    const rows = await server.rows(sql`select token_hash from developer_tokens where id = ${token.id}`);
    expect(rows).toEqual([{ token_hash: sha256(secret) }]);
  });

  it('authenticates with the token and records its last use', async () => {
    const { token, plain_text_token } = await createToken('Last use');
    const bearer = new Agent(server.baseUrl, { authorization: `Bearer ${plain_text_token}` });
    const track = await bearer.request('GET', '/api/v1/tracks/1');
    expect(track.status).toBe(200);
    expect(track.body.track.bpm).toBeTypeOf('number');
    const listed = await developer.request('GET', '/api/v1/developer-tokens');
    expect(listed.body.tokens.find((t: { id: number }) => t.id === token.id).last_used_at).not.toBeNull();
  });

  it('revokes a token: its next use gets 401, even on a public route', async () => {
    const { token, plain_text_token } = await createToken('To revoke');
    const bearer = new Agent(server.baseUrl, { authorization: `Bearer ${plain_text_token}` });
    expect((await bearer.request('GET', '/api/v1/users/me')).status).toBe(200);

    const revoked = await developer.request('DELETE', `/api/v1/developer-tokens/${token.id}`, { xsrf: true });
    expect(revoked.status).toBe(204);
    for (const path of ['/api/v1/users/me', '/api/v1/tracks']) {
      const reply = await bearer.request('GET', path);
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ message: 'Unauthenticated.' });
    }
    const again = await developer.request('DELETE', `/api/v1/developer-tokens/${token.id}`, { xsrf: true });
    expect(again.status).toBe(404);
  });

  it('refuses an expired token with 401', async () => {
    const { token, plain_text_token } = await createToken('Expiring');
    await server.rows(sql`update developer_tokens set expires_at = now() - interval '1 second' where id = ${token.id}`);
    const reply = await new Agent(server.baseUrl, { authorization: `Bearer ${plain_text_token}` }).request('GET', '/api/v1/users/me');
    expect(reply.status).toBe(401);
    const listed = await developer.request('GET', '/api/v1/developer-tokens');
    expect(listed.body.tokens.some((t: { id: number }) => t.id === token.id)).toBe(false);
  });

  it('refuses a token with a wrong secret or a malformed header with 401', async () => {
    const { token } = await createToken('Guessing');
    for (const header of [`Bearer ${token.id}|${'x'.repeat(40)}`, 'Bearer nonsense', 'Basic abc']) {
      const reply = await new Agent(server.baseUrl, { authorization: header }).request('GET', '/api/v1/genres');
      expect(reply.status).toBe(401);
    }
  });

  it('does not let one user revoke or see another user\'s token', async () => {
    const { token, plain_text_token } = await createToken('Private');
    const listener = new Agent(server.baseUrl);
    await listener.login('listener@beatpass.test', DEMO_PASSWORD);
    const reply = await listener.request('DELETE', `/api/v1/developer-tokens/${token.id}`, { xsrf: true });
    expect(reply.status).toBe(404);
    const list = await listener.request('GET', '/api/v1/developer-tokens');
    expect(list.body.tokens.some((t: { id: number }) => t.id === token.id)).toBe(false);
    expect((await new Agent(server.baseUrl, { authorization: `Bearer ${plain_text_token}` }).request('GET', '/api/v1/users/me')).status).toBe(200);
  });

  it('requires developer access to create a token (403) and creates nothing', async () => {
    const listener = new Agent(server.baseUrl);
    await listener.login('listener@beatpass.test', DEMO_PASSWORD);
    const reply = await listener.request('POST', '/api/v1/developer-tokens', { json: { name: 'Not allowed' }, xsrf: true });
    expect(reply.status).toBe(403);
    expect(reply.body.message).toMatch(/Developer access has not been granted/);
    const rows = await server.rows(sql`select count(*)::int as n from developer_tokens where name = 'Not allowed'`);
    expect(rows[0]).toEqual({ n: 0 });
  });

  it('validates the name: 3 to 100 characters, after trimming', async () => {
    for (const name of ['ab', '   ab   ', 'x'.repeat(101)]) {
      const reply = await developer.request('POST', '/api/v1/developer-tokens', { json: { name }, xsrf: true });
      expect(reply.status).toBe(422);
      expect(Object.keys(reply.body.errors)).toEqual(['name']);
    }
  });

  it('needs credentials (401) and, with a session cookie, the XSRF header (419)', async () => {
    expect((await new Agent(server.baseUrl).request('GET', '/api/v1/developer-tokens')).status).toBe(401);
    const noHeader = await developer.request('POST', '/api/v1/developer-tokens', { json: { name: 'No header' } });
    expect(noHeader.status).toBe(419);
    expect(noHeader.body).toEqual({ message: 'CSRF token mismatch.' });
  });
});
