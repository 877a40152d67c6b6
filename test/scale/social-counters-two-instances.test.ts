// Likes and reposts of one track arriving at two instances of the app at once (one PostgreSQL
// database): `likes_count` and `reposts_count` move by exactly the rows inserted or deleted,
// and one user's reposts split across both instances never pass the hourly cap, because each
// write locks the user's row in PostgreSQL, not in an instance's memory.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoData } from '../../server/seed/seed.js';
import { Agent } from '../support/http.js';
import { createScratchDatabase, postgresAvailable } from '../support/postgres.js';
import { startInstance, type Instance } from './support/instance.js';

const available = await postgresAvailable();

describe.runIf(available)('social counters on two instances of one database', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let a: Instance;
  let b: Instance;
  let trackId: number;
  const rows = async <T>(query: ReturnType<typeof sql>) => ((await a.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  const counts = async () =>
    (
      await rows<{ likes: number; reposts: number; like_rows: number; repost_rows: number }>(sql`
        select likes_count as likes, reposts_count as reposts,
          (select count(*)::int from track_likes where track_id = ${trackId}) as like_rows,
          (select count(*)::int from track_reposts where track_id = ${trackId}) as repost_rows
        from tracks where id = ${trackId}`)
    )[0]!;

  /** A new account signed in on `instance`. */
  async function newUser(instance: Instance): Promise<{ agent: Agent; id: number }> {
    const agent = new Agent(instance.baseUrl);
    const email = `social-${randomUUID().slice(0, 8)}@beatpass.test`;
    const registered = await agent.request('POST', '/api/v1/auth/register', { json: { email, password: DEMO_PASSWORD, password_confirmation: DEMO_PASSWORD } });
    expect(registered.status).toBe(200);
    expect((await agent.login(email, DEMO_PASSWORD)).status).toBe(200);
    const [row] = await rows<{ id: number }>(sql`select id from users where email = ${email}`);
    return { agent, id: row!.id };
  }
  /** `n` users, alternately on A and B. */
  const users = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => newUser(i % 2 === 0 ? a : b)));

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    a = await startInstance({ databaseUrl: scratch.url, database: { prepare: (db) => seedDemoData(db, { tracks: 30 }).then(() => {}) } });
    b = await startInstance({ databaseUrl: scratch.url });
    [{ id: trackId }] = (await rows<{ id: number }>(sql`select id from tracks order by id limit 1`)) as [{ id: number }];
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await scratch?.drop();
  });

  it('moves likes_count by exactly N when N users like and then unlike one track across both instances', async () => {
    const likers = await users(16);
    const before = await counts();
    const body = { likeables: [{ likeable_id: trackId, likeable_type: 'track' }] };
    const liked = await Promise.all(likers.map(({ agent }) => agent.request('POST', '/api/v1/users/me/add-to-library', { json: body })));
    expect(liked.map((r) => r.status)).toEqual(likers.map(() => 200));
    const after = await counts();
    expect(after.likes).toBe(before.likes + 16);
    expect(after.like_rows).toBe(before.like_rows + 16);

    // Each unlikes twice at once (once per instance): only the delete that took effect counts.
    const unliked = await Promise.all(
      likers.flatMap(({ agent }) =>
        [a, b].map((instance) => {
          const onInstance = new Agent(instance.baseUrl);
          for (const name of ['beatpass_session', 'XSRF-TOKEN']) onInstance.setCookie(name, agent.cookie(name)!);
          return onInstance.request('POST', '/api/v1/users/me/remove-from-library', { json: body });
        }),
      ),
    );
    expect(unliked.every((r) => r.status === 200)).toBe(true);
    expect(unliked.reduce((sum, r) => sum + (r.body as { removed_count: number }).removed_count, 0)).toBe(16);
    const end = await counts();
    expect(end.likes).toBe(before.likes);
    expect(end.like_rows).toBe(before.like_rows);
  });

  it('moves reposts_count by exactly N when N users repost one track across both instances', async () => {
    const reposters = await users(16);
    const before = await counts();
    const body = { repostable_type: 'track', repostable_id: trackId };
    const replies = await Promise.all(reposters.map(({ agent }) => agent.request('POST', '/api/v1/reposts/toggle', { json: body })));
    expect(replies.every((r) => r.status === 200 && (r.body as { action: string }).action === 'added')).toBe(true);
    const after = await counts();
    expect(after.reposts).toBe(before.reposts + 16);
    expect(after.repost_rows).toBe(before.repost_rows + 16);
  });

  it("never lets one user's reposts split across both instances pass the hourly cap", async () => {
    const user = await newUser(a);
    const onB = new Agent(b.baseUrl);
    for (const name of ['beatpass_session', 'XSRF-TOKEN']) onB.setCookie(name, user.agent.cookie(name)!);
    // 17 reposts in the last hour already: 3 more fit under 20.
    await rows(sql`insert into track_reposts (track_id, user_id, created_at)
      select id, ${user.id}, now() - interval '5 minutes' from tracks order by id desc limit 17`);
    const free = await rows<{ id: number }>(sql`
      select id from tracks where id not in (select track_id from track_reposts where user_id = ${user.id}) order by id limit 8`);
    expect(free).toHaveLength(8);
    const replies = await Promise.all(
      free.map(({ id }, i) =>
        (i % 2 === 0 ? user.agent : onB).request('POST', '/api/v1/reposts/toggle', { json: { repostable_type: 'track', repostable_id: id } }),
      ),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(3);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(5);
    const [held] = await rows<{ n: number }>(sql`select count(*)::int as n from track_reposts where user_id = ${user.id}`);
    expect(held!.n).toBe(20);
  });
});
