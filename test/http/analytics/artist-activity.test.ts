import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';
import { publish, upload } from '../tracks/support.js';

const t = useTestServer({ signIn: ['producer', 'listener', 'developer'] });
let producerId: number;
let listenerId: number;
let artistId: number;
let otherArtistId: number;

const one = async <T>(query: ReturnType<typeof sql>) => (await t.server.rows<T>(query))[0]!;
const downloadsOf = async (trackId: number) => (await one<{ n: number }>(sql`select count(*)::int as n from track_downloads where track_id = ${trackId}`)).n;

beforeAll(async () => {
  ({ id: producerId } = await one<{ id: number }>(sql`select id from users where email = 'producer@beatpass.test'`));
  ({ id: listenerId } = await one<{ id: number }>(sql`select id from users where email = 'listener@beatpass.test'`));
  ({ id: artistId } = await one<{ id: number }>(sql`select id from artists where user_id = ${producerId}`));
  ({ id: otherArtistId } = await one<{ id: number }>(sql`select id from artists where user_id is null order by id limit 1`));
});

/** Audience downloads of the producer's artist since the start of the UTC day `days - 1` days ago. */
const audienceDownloads = async (days: number) =>
  (
    await one<{ n: number }>(sql`
  select count(*)::int as n from track_downloads d
  where d.track_id in (select track_id from track_artists where artist_id = ${artistId}) and d.user_id <> ${producerId}
    and d.created_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC' - make_interval(days => ${days - 1})`)
  ).n;

describe('recording downloads', () => {
  it('counts a download when it starts, not for every chunk, and once per user and track in ten minutes', async () => {
    const track = await publish(t.as.producer, (await upload(t.as.producer, 'counted.wav')).id);
    const get = (range?: string) => t.as.listener.call('downloadTrack', { path: { track_id: track.id }, headers: range ? { range } : {} });
    expect((await get('bytes=100-1123')).status).toBe(206);
    expect((await get('bytes=-10')).status).toBe(206);
    expect(await downloadsOf(track.id)).toBe(0);
    expect((await get('bytes=0-1')).status).toBe(206);
    expect(await downloadsOf(track.id)).toBe(1);
    expect((await get('bytes=0-')).status).toBe(206);
    expect((await get()).status).toBe(200);
    expect(await downloadsOf(track.id)).toBe(1);
    expect((await t.as.producer.call('downloadTrack', { path: { track_id: track.id } })).status).toBe(200);
    expect(await downloadsOf(track.id)).toBe(2);
  });

  it('records nothing for a refused download', async () => {
    const track = await publish(t.as.producer, (await upload(t.as.producer, 'refused.wav')).id);
    expect((await t.as.developer.call('downloadTrack', { path: { track_id: track.id } })).status).toBe(403);
    expect(await downloadsOf(track.id)).toBe(0);
  });
});

describe('artist activity', () => {
  it('summarises the audience and pages the download events, newest first', async () => {
    const track = await publish(t.as.producer, (await upload(t.as.producer, 'activity.wav')).id);
    expect((await t.as.listener.call('downloadTrack', { path: { track_id: track.id } })).status).toBe(200);
    expect((await t.as.producer.call('downloadTrack', { path: { track_id: track.id } })).status).toBe(200);

    const reply = await t.as.producer.call('getArtistActivity', { path: { artist_id: artistId }, query: { period: '30d', per_page: 1 } });
    expectStatus(reply, 200);
    const body = reply.body;
    expect(body.hasTracks).toBe(true);
    expect(body.period.key).toBe('30d');
    const total = await audienceDownloads(30);
    expect(body.summary.audienceDownloads).toBe(total);
    expect(body.summary).toMatchObject({ uniqueDownloaders: 1, licensesIssued: 0 });
    expect(body.summary.audiencePlays).toBeGreaterThan(0);
    expect(body.pagination).toEqual({ page: 1, perPage: 1, total, hasMore: total > 1 });
    expect(body.downloadEvents).toEqual([
      {
        id: expect.any(Number),
        occurredAt: expect.any(String),
        track: { id: track.id, name: track.name, image: expect.any(String) },
        downloader: { id: listenerId, displayName: 'Demo Listener', avatar: expect.any(String) },
        license: null,
      },
    ]);

    const last = await t.as.producer.call('getArtistActivity', { path: { artist_id: artistId }, query: { period: '30d', per_page: 1, page: total } });
    expectStatus(last, 200);
    expect(last.body.pagination.hasMore).toBe(false);
    expect(last.body.downloadEvents).toHaveLength(1);
    const past = await t.as.producer.call('getArtistActivity', { path: { artist_id: artistId }, query: { period: '30d', page: total + 1, per_page: 1 } });
    expectStatus(past, 200);
    expect(past.body.downloadEvents).toEqual([]);
  });

  it('defaults to 90 days and 20 per page, and names the most downloaded track', async () => {
    const reply = await t.as.producer.call('getArtistActivity', { path: { artist_id: artistId } });
    expectStatus(reply, 200);
    expect(reply.body.period.key).toBe('90d');
    expect(reply.body.pagination).toMatchObject({ page: 1, perPage: 20 });
    expect(reply.body.summary.audienceDownloads).toBe(await audienceDownloads(90));
    expect(reply.body.summary.topDownloadedTrack).toMatchObject({ id: expect.any(Number), downloads: expect.any(Number) });
    const all = await t.as.producer.call('getArtistActivity', { path: { artist_id: artistId }, query: { period: 'all' } });
    expectStatus(all, 200);
    expect(all.body.period).toMatchObject({ key: 'all', start: null });
  });

  it("is only for the artist's managers", async () => {
    expect((await t.as.anonymous.call('getArtistActivity', { path: { artist_id: artistId } })).status).toBe(401);
    const other = await t.as.listener.call('getArtistActivity', { path: { artist_id: artistId } });
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ message: 'Unauthorized access to artist analytics.' });
    expect((await t.as.producer.call('getArtistActivity', { path: { artist_id: otherArtistId } })).status).toBe(403);
  });

  it('answers 404 for an unknown artist and 422 for bad paging', async () => {
    expect((await t.as.producer.call('getArtistActivity', { path: { artist_id: 999999 } })).status).toBe(404);
    const bad = await t.as.producer.callUnchecked('getArtistActivity', { path: { artist_id: artistId }, query: { per_page: 51, period: '1y' } });
    expectStatus(bad, 422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['per_page', 'period']);
  });
});

describe('artist download analytics', () => {
  it("counts the audience's downloads per day and per track", async () => {
    const reply = await t.as.producer.call('getArtistDownloadsAnalytics', { path: { artist_id: artistId }, query: { period: '90d' } });
    expectStatus(reply, 200);
    const { analytics } = reply.body;
    const total = await audienceDownloads(90);
    expect(analytics.downloads).toBe(total);
    expect(analytics.timeline.data).toHaveLength(90);
    expect(analytics.timeline.data.reduce((n, p) => n + p.downloads, 0)).toBe(total);
    expect(analytics.top_tracks.reduce((n, tr) => n + tr.downloads, 0)).toBe(total);
    expect(analytics.unique_downloaders).toBe(1);
  });

  it("is only for the artist's managers and answers 404 and 422", async () => {
    expect((await t.as.anonymous.call('getArtistDownloadsAnalytics', { path: { artist_id: artistId } })).status).toBe(401);
    expect((await t.as.listener.call('getArtistDownloadsAnalytics', { path: { artist_id: artistId } })).status).toBe(403);
    expect((await t.as.producer.call('getArtistDownloadsAnalytics', { path: { artist_id: 999999 } })).status).toBe(404);
    expect((await t.as.producer.callUnchecked('getArtistDownloadsAnalytics', { path: { artist_id: artistId }, query: { period: 'week' } })).status).toBe(422);
  });
});
