import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent, type CallInput } from '../../support/http.js';

const t = useTestServer({ signIn: ['producer', 'listener'] });
let producerId: number;
let artistId: number;
let trackId: number;
let albumId: number;

type ReportQuery = NonNullable<CallInput<'getInsightsReport'>['query']>;
const one = async <T>(query: ReturnType<typeof sql>) => (await t.server.rows<T>(query))[0]!;
const report = (agent: Agent, query: ReportQuery) => agent.call('getInsightsReport', { query });

beforeAll(async () => {
  ({ id: producerId } = await one<{ id: number }>(sql`select id from users where email = 'producer@beatpass.test'`));
  ({ id: artistId } = await one<{ id: number }>(sql`select id from artists where user_id = ${producerId}`));
  ({ id: trackId } = await one<{ id: number }>(sql`
    select t.id from tracks t where t.owner_id = ${producerId} order by (select count(*) from plays p where p.track_id = t.id) desc, t.id limit 1`));
  ({ id: albumId } = await one<{ id: number }>(sql`select id from albums where owner_id = ${producerId} order by id limit 1`));
});

describe('insights report', () => {
  it("reports a track's plays per day with the previous period, and is never cached", async () => {
    const reply = await report(t.as.producer, { model: `track:${trackId}`, _t: '1764093851000' });
    expectStatus(reply, 200);
    expect(reply.headers.get('cache-control')).toBe('no-store, no-cache, must-revalidate, max-age=0');
    const plays = reply.body.report.plays!;
    expect(Object.keys(reply.body.report)).toEqual(['plays']);
    expect(plays.granularity).toBe('day');
    expect(plays.datasets.map((d) => d.label)).toEqual(['Current period', 'Previous period']);
    const { n } = await one<{ n: number }>(sql`select count(*)::int as n from plays where track_id = ${trackId} and created_at >= now() - interval '7 days'`);
    // The window ends at the request, a moment after the count above.
    expect(plays.total).toBe(n);
    expect(plays.datasets[0]!.data.reduce((sum, p) => sum + p.value, 0)).toBe(n);
    expect(plays.datasets[0]!.data.length).toBeGreaterThanOrEqual(7);
  });

  it('buckets by the requested time zone and range, with every metric', async () => {
    const reply = await report(t.as.producer, {
      model: `artist:${artistId}`,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      timezone: 'America/Toronto',
      metrics: 'plays,devices,browsers,platforms,locations,tracks,artists,albums,users',
    });
    expectStatus(reply, 200);
    const r = reply.body.report;
    expect(Object.keys(r).sort()).toEqual(['albums', 'artists', 'browsers', 'devices', 'locations', 'platforms', 'plays', 'tracks', 'users']);
    expect(r.plays!.granularity).toBe('week');
    // Weeks start on Monday: 2025-12-29 is the Monday of the week holding 2026-01-01.
    expect(r.plays!.datasets[0]!.data[0]!.date).toBe('2025-12-29');
    expect(r.plays!.datasets[0]!.data.at(-1)!.date).toBe('2026-12-28');
    const { n, signed } = await one<{ n: number; signed: number }>(sql`
      select count(*)::int as n, count(user_id)::int as signed from plays
      where track_id in (select track_id from track_artists where artist_id = ${artistId})
        and created_at >= '2026-01-01 00:00 America/Toronto' and created_at < '2027-01-01 00:00 America/Toronto'`);
    expect(r.plays!.total).toBe(n);
    for (const metric of ['devices', 'browsers', 'platforms', 'locations', 'tracks'] as const) {
      expect(r[metric]!.total).toBe(n);
      expect(r[metric]!.datasets[0]!.data.reduce((sum, s) => sum + s.value, 0)).toBe(n);
    }
    expect(r.devices!.datasets[0]!.label).toBe('Devices');
    expect(r.artists!.datasets[0]!.data[0]).toEqual({ label: 'Demo Producer', value: expect.any(Number) });
    expect(r.users!.total).toBe(signed);
    expect(r.locations!.datasets[0]!.data.map((s) => s.label)).toContain('Unknown');
  });

  it('reads an album model and date-times with offsets', async () => {
    const reply = await report(t.as.producer, {
      model: `album:${albumId}`,
      startDate: '2026-11-01T00:00:00+02:00',
      endDate: '2026-11-03T12:00:00Z',
      metrics: 'plays,tracks',
    });
    expectStatus(reply, 200);
    expect(reply.body.report.plays!.datasets[0]!.data.map((p) => p.date)).toEqual(['2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03']);
  });

  it("refuses the whole platform and other people's models with 403", async () => {
    const global = await report(t.as.producer, { model: 'track_play:0' });
    expect(global.status).toBe(403);
    expect(global.body).toEqual({ message: 'Platform-wide insights need administrator access.' });
    expect((await report(t.as.producer, {})).status).toBe(403);
    const other = await report(t.as.listener, { model: `track:${trackId}` });
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ message: 'Unauthorized access to track analytics.' });
  });

  it('needs sign-in and answers an unknown model with 404', async () => {
    expect((await report(t.as.anonymous, { model: `track:${trackId}` })).status).toBe(401);
    const missing = await report(t.as.producer, { model: 'album:9999999999' });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Album not found.' });
  });

  it('rejects bad dates, time zones and metrics with 422', async () => {
    const cases: [ReportQuery, string][] = [
      [{ timezone: 'Mars/Olympus' }, 'timezone'],
      [{ startDate: '2026-02-30' }, 'startDate'],
      [{ endDate: '2026-11-01T25:00' }, 'endDate'],
      [{ startDate: '1999-12-31' }, 'startDate'],
      [{ startDate: '2026-11-10', endDate: '2026-11-01' }, 'startDate'],
      [{ startDate: '2000-01-01', endDate: '2026-01-01' }, 'endDate'],
      [{ metrics: 'plays,likes' }, 'metrics'],
      [{ model: 'playlist:3' }, 'model'],
    ];
    for (const [query, field] of cases) {
      const reply = await report(t.as.producer, { model: `track:${trackId}`, ...query });
      expectStatus(reply, 422);
      expect(Object.keys(reply.body.errors), JSON.stringify(query)).toEqual([field]);
    }
  });
});
