// Follow counts and the follow cap under real concurrency: on PostgreSQL (a connection pool,
// so the requests truly overlap) N users following one user at once leave exactly N
// followers, and one user's simultaneous follows near the cap never pass 5,000.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestServer } from '../../support/fixture.js';
import { postgresAvailable } from '../../support/postgres.js';
import { freshUsers, plainUserIds } from './support.js';

const available = await postgresAvailable();

describe.runIf(available)('follows on PostgreSQL', () => {
  const t = useTestServer({ postgres: { tracks: 20, poolSize: 8 } });

  it('counts exactly N followers after N simultaneous follows of one user', async () => {
    const [star, ...fans] = await freshUsers(t.server, 17);
    const replies = await Promise.all(fans.map((fan) => fan.agent.call('followUser', { path: { user_id: String(star!.id) } })));
    expect(replies.map((r) => r.status)).toEqual(fans.map(() => 200));
    const [{ n }] = (await t.server.rows<{ n: number }>(sql`select count(*)::int as n from user_follows where followed_id = ${star!.id}`)) as [{ n: number }];
    expect(n).toBe(16);
    const profile = await star!.agent.call('getUserProfile', { path: { user_id: 'me' } });
    expect(profile.body).toMatchObject({ user: { counts: { followers: 16 } } });
  });

  it('never passes 5,000 follows under simultaneous follows by one user', async () => {
    const [racer] = await freshUsers(t.server, 1);
    const seeded = await plainUserIds(t.server, 4_996);
    await t.server.rows(sql`insert into user_follows (follower_id, followed_id) select ${racer!.id}, unnest(${`{${seeded.join(',')}}`}::int[])`);
    // Two of the four remaining slots go to artists, so the cap is one budget across both.
    await t.server.rows(sql`insert into artist_followers (artist_id, user_id) select id, ${racer!.id} from artists order by id limit 2`);
    const targets = await plainUserIds(t.server, 10);
    const replies = await Promise.all(targets.map((id) => racer!.agent.call('followUser', { path: { user_id: String(id) } })));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(2);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(8);
    const [{ n }] = (await t.server.rows<{ n: number }>(sql`
      select ((select count(*) from user_follows where follower_id = ${racer!.id}) + (select count(*) from artist_followers where user_id = ${racer!.id}))::int as n`)) as [
      { n: number },
    ];
    expect(n).toBe(5_000);
  });
});
