// One artist profile per account, also when two creates for the same user race: the unique
// index on artists(user_id) is the check, and the handler answers its violation with 403.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { uniqueViolation } from '../../../server/db/errors.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent } from '../../support/http.js';

const t = useTestServer();

/** A new account signed in with a developer token. */
async function newProducer(email: string): Promise<Agent> {
  const password = 'long-enough-pw';
  const reply = await t.server.agent().call('register', {
    body: { email, password, password_confirmation: password, token_name: 'race' },
  });
  expectStatus(reply, 200);
  const { user } = reply.body.boostrapData;
  if (!('access_token' in user)) throw new Error(`expected a developer token, got ${JSON.stringify(user)}`);
  return t.server.bearer(user.access_token);
}

describe('POST /api/v1/artists under concurrency', () => {
  it('creates exactly one profile when two creates for one user arrive at once', async () => {
    for (let round = 0; round < 5; round++) {
      const email = `race${round}@beatpass.test`;
      const agent = await newProducer(email);
      const replies = await Promise.all([1, 2].map((n) => agent.call('createArtist', { body: { name: `Racer ${round}.${n}` } })));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 403]);
      expect(replies.find((r) => r.status === 403)!.body).toEqual({ message: 'You already manage an artist profile.' });
      const stored = await t.server.rows<{ name: string }>(sql`select a.name from artists a join users u on u.id = a.user_id where u.email = ${email}`);
      const created = replies.find((r): r is Extract<typeof r, { status: 200 }> => r.status === 200);
      expect(stored).toEqual([{ name: created!.body.artist.name }]);
    }
  });

  it('refuses a second managed profile in the database itself, and leaves unmanaged profiles free', async () => {
    const [producer] = await t.server.rows<{ id: number }>(sql`select id from users where email = 'producer@beatpass.test'`);
    const failure = await t.server.rows(sql`insert into artists (name, user_id) values ('Second Profile', ${producer!.id})`).catch((err: unknown) => err);
    expect(uniqueViolation(failure)).toEqual({ constraint: 'artists_user_unique' });
    await t.server.rows(sql`insert into artists (name) values ('Unclaimed A'), ('Unclaimed B')`);
  });

  it('seeds no account with two artist profiles', async () => {
    const doubled = await t.server.rows(sql`select user_id from artists where user_id is not null group by user_id having count(*) > 1`);
    expect(doubled).toEqual([]);
  });
});
