// Presets under real concurrency: on PostgreSQL (a connection pool, so the requests below
// truly overlap) racing set-defaults leave one default, racing creates stop at 100 presets,
// and a delete racing a track being pointed at the preset never leaves a track naming a
// deleted preset nor answers 500.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent } from '../../support/http.js';
import { postgresAvailable } from '../../support/postgres.js';

const available = await postgresAvailable();

describe.runIf(available)('exclusive-license presets on PostgreSQL', () => {
  const t = useTestServer({ postgres: { tracks: 20, poolSize: 8 }, signIn: ['producer'] });
  let agent: Agent;
  let userId: number;

  beforeAll(async () => {
    agent = t.as.producer;
    userId = (await t.server.rows<{ id: number }>(sql`select id from users where email = 'producer@beatpass.test'`))[0]!.id;
  });

  async function createPreset(name: string): Promise<number> {
    const reply = await agent.call('createExclusiveLicensePreset', { body: { name, config: {} } });
    expectStatus(reply, 200);
    return reply.body.preset.id;
  }

  it('leaves exactly one default when set-default calls and default creates race', async () => {
    const ids: number[] = [];
    for (let n = 0; n < 8; n++) ids.push(await createPreset(`Race default ${n}`));
    const replies = await Promise.all([
      ...ids.map((id) => agent.call('setDefaultExclusiveLicensePreset', { path: { preset_id: id } })),
      ...[1, 2].map((n) => agent.call('createExclusiveLicensePreset', { body: { name: `Created default ${n}`, is_default: true, config: {} } })),
    ]);
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
    const defaults = await t.server.rows(sql`select id from exclusive_license_presets where user_id = ${userId} and is_default`);
    expect(defaults).toHaveLength(1);
  });

  it('never passes 100 presets under simultaneous creates', async () => {
    const held = (await t.server.rows<{ n: number }>(sql`select count(*)::int as n from exclusive_license_presets where user_id = ${userId}`))[0]!.n;
    await t.server.rows(sql`insert into exclusive_license_presets (user_id, name, config)
      select ${userId}::int, 'Filler ' || g, '{}'::jsonb from generate_series(1, ${97 - held}::int) g`);
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => agent.call('createExclusiveLicensePreset', { body: { name: `Race ${i}`, config: {} } })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429, 429]);
    expect((await t.server.rows<{ n: number }>(sql`select count(*)::int as n from exclusive_license_presets where user_id = ${userId}`))[0]!.n).toBe(100);
    await t.server.rows(sql`delete from exclusive_license_presets where user_id = ${userId} and name like 'Filler %'`);
  });

  it('keeps a preset a track names: a delete racing the assignment either refuses or wins, and the track then gets 422', async () => {
    const [{ id: trackId }] = (await t.server.rows<{ id: number }>(sql`select id from tracks where owner_id = ${userId} order by id limit 1`)) as [
      { id: number },
    ];
    for (let round = 0; round < 5; round++) {
      const presetId = await createPreset(`Contested ${round}`);
      const [assigned, deleted] = await Promise.all([
        agent.call('updateTrack', {
          path: { track_id: trackId },
          body: {
            licensing_type: 'both',
            exclusive_status: 'available',
            exclusive_price: 499,
            exclusive_contact_email: 'producer@beatpass.test',
            exclusive_license_preset_id: presetId,
          },
        }),
        agent.call('deleteExclusiveLicensePreset', { path: { preset_id: presetId } }),
      ]);
      const outcome = [assigned.status, deleted.status];
      expect([
        [200, 422],
        [422, 200],
      ]).toContainEqual(outcome);
      const [{ preset }] = (await t.server.rows<{ preset: number | null }>(
        sql`select exclusive_license_preset_id as preset from tracks where id = ${trackId}`,
      )) as [{ preset: number | null }];
      if (assigned.status === 200) {
        expect(preset).toBe(presetId);
        expect(deleted.body).toMatchObject({ errors: [] });
      } else {
        expect(assigned.body).toMatchObject({ errors: { exclusive_license_preset_id: ['The selected exclusive license preset id is invalid.'] } });
      }
      const detached = await agent.call('updateTrack', { path: { track_id: trackId }, body: { exclusive_license_preset_id: null } });
      expectStatus(detached, 200);
    }
  });
});
