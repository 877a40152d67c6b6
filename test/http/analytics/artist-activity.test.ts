import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../server/db/seed.js';
import { Agent } from '../../support/http.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { publish, upload } from '../tracks/support.js';

let server: TestServer;
let producer: Agent;
let listener: Agent;
let producerId: number;
let listenerId: number;
let artistId: number;
let otherArtistId: number;

const one = async <T>(query: ReturnType<typeof sql>) => (await server.rows<T>(query))[0]!;
const downloadsOf = async (trackId: number) =>
  (await one<{ n: number }>(sql`select count(*)::int as n from track_downloads where track_id = ${trackId}`)).n;

beforeAll(async () => {
  server = await startTestServer();
  producer = await server.signIn('producer@beatpass.test');
  listener = await server.signIn('listener@beatpass.test');
  ({ id: producerId } = await one<{ id: number }>(sql`select id from users where email = 'producer@beatpass.test'`));
  ({ id: listenerId } = await one<{ id: number }>(sql`select id from users where email = 'listener@beatpass.test'`));
  ({ id: artistId } = await one<{ id: number }>(sql`select id from artists where user_id = ${producerId}`));
  ({ id: otherArtistId } = await one<{ id: number }>(sql`select id from artists where user_id is null order by id limit 1`));
});
afterAll(async () => { await server.close(); });

/** Audience downloads of the producer's artist since the start of the UTC day `days - 1` days ago. */
const audienceDownloads = async (days: number) => (await one<{ n: number }>(sql`
  select count(*)::int as n from track_downloads d
  where d.track_id in (select track_id from track_artists where artist_id = ${artistId}) and d.user_id <> ${producerId}
    and d.created_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC' - make_interval(days => ${days - 1})`)).n;

describe('recording downloads', () => {
  it('counts a download when it starts, not for every chunk, and once per user and track in ten minutes', async () => {
    const track = await publish(producer, (await upload(producer, 'counted.wav')).id);
    const get = (range?: string) => listener.request('GET', `/api/v1/tracks/${track.id}/download`, { headers: range ? { range } : {} });
    expect((await get('bytes=100-1123')).status).toBe(206);
    expect((await get('bytes=-10')).status).toBe(206);
    expect(await downloadsOf(track.id)).toBe(0);
    expect((await get('bytes=0-1')).status).toBe(206);
    expect(await downloadsOf(track.id)).toBe(1);
    expect((await get('bytes=0-')).status).toBe(206);
    expect((await get()).status).toBe(200);
    expect(await downloadsOf(track.id)).toBe(1);
    expect((await producer.request('GET', `/api/v1/tracks/${track.id}/download`)).status).toBe(200);
    expect(await downloadsOf(track.id)).toBe(2);
  });

  it('records nothing for a refused download', async () => {
    const track = await publish(producer, (await upload(producer, 'refused.wav')).id);
    const developer = new Agent(server.baseUrl);
    await developer.login('developer@beatpass.test', DEMO_PASSWORD);
    expect((await developer.request('GET', `/api/v1/tracks/${track.id}/download`)).status).toBe(403);
    expect(await downloadsOf(track.id)).toBe(0);
  });
});

describe('artist activity', () => {
  it('summarises the audience and pages the download events, newest first', async () => {
    const track = await publish(producer, (await upload(producer, 'activity.wav')).id);
    expect((await listener.request('GET', `/api/v1/tracks/${track.id}/download`)).status).toBe(200);
    expect((await producer.request('GET', `/api/v1/tracks/${track.id}/download`)).status).toBe(200);

    const reply = await producer.request('GET', `/api/v1/artists/${artistId}/activity?period=30d&per_page=1`);
    expect(reply.status).toBe(200);
    const body = reply.body;
    expect(body.hasTracks).toBe(true);
    expect(body.period.key).toBe('30d');
    const total = await audienceDownloads(30);
    expect(body.summary.audienceDownloads).toBe(total);
    expect(body.summary).toMatchObject({ uniqueDownloaders: 1, licensesIssued: 0 });
    expect(body.summary.audiencePlays).toBeGreaterThan(0);
    expect(body.pagination).toEqual({ page: 1, perPage: 1, total, hasMore: total > 1 });
    expect(body.downloadEvents).toEqual([{
      id: expect.any(Number),
      occurredAt: expect.any(String),
      track: { id: track.id, name: track.name, image: expect.any(String) },
      downloader: { id: listenerId, displayName: 'Demo Listener', avatar: expect.any(String) },
      license: null,
    }]);

    const last = await producer.request('GET', `/api/v1/artists/${artistId}/activity?period=30d&per_page=1&page=${total}`);
    expect(last.body.pagination.hasMore).toBe(false);
    expect(last.body.downloadEvents).toHaveLength(1);
    const past = await producer.request('GET', `/api/v1/artists/${artistId}/activity?period=30d&page=${total + 1}&per_page=1`);
    expect(past.body.downloadEvents).toEqual([]);
  });

  it('defaults to 90 days and 20 per page, and names the most downloaded track', async () => {
    const reply = await producer.request('GET', `/api/v1/artists/${artistId}/activity`);
    expect(reply.status).toBe(200);
    expect(reply.body.period.key).toBe('90d');
    expect(reply.body.pagination).toMatchObject({ page: 1, perPage: 20 });
    expect(reply.body.summary.audienceDownloads).toBe(await audienceDownloads(90));
    expect(reply.body.summary.topDownloadedTrack).toMatchObject({ id: expect.any(Number), downloads: expect.any(Number) });
    const all = await producer.request('GET', `/api/v1/artists/${artistId}/activity?period=all`);
    expect(all.body.period).toMatchObject({ key: 'all', start: null });
  });

  it('is only for the artist\'s managers', async () => {
    expect((await new Agent(server.baseUrl).request('GET', `/api/v1/artists/${artistId}/activity`)).status).toBe(401);
    const other = await listener.request('GET', `/api/v1/artists/${artistId}/activity`);
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ message: 'Unauthorized access to artist analytics.' });
    expect((await producer.request('GET', `/api/v1/artists/${otherArtistId}/activity`)).status).toBe(403);
  });

  it('answers 404 for an unknown artist and 422 for bad paging', async () => {
    expect((await producer.request('GET', '/api/v1/artists/999999/activity')).status).toBe(404);
    const bad = await producer.request('GET', `/api/v1/artists/${artistId}/activity?per_page=51&period=1y`);
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['per_page', 'period']);
  });
});

describe('artist download analytics', () => {
  it('counts the audience\'s downloads per day and per track', async () => {
    const reply = await producer.request('GET', `/api/v1/artists/${artistId}/downloads-analytics?period=90d`);
    expect(reply.status).toBe(200);
    const { analytics } = reply.body;
    const total = await audienceDownloads(90);
    expect(analytics.downloads).toBe(total);
    expect(analytics.timeline.data).toHaveLength(90);
    expect(analytics.timeline.data.reduce((n: number, p: { downloads: number }) => n + p.downloads, 0)).toBe(total);
    expect(analytics.top_tracks.reduce((n: number, t: { downloads: number }) => n + t.downloads, 0)).toBe(total);
    expect(analytics.unique_downloaders).toBe(1);
  });

  it('is only for the artist\'s managers and answers 404 and 422', async () => {
    expect((await new Agent(server.baseUrl).request('GET', `/api/v1/artists/${artistId}/downloads-analytics`)).status).toBe(401);
    expect((await listener.request('GET', `/api/v1/artists/${artistId}/downloads-analytics`)).status).toBe(403);
    expect((await producer.request('GET', '/api/v1/artists/999999/downloads-analytics')).status).toBe(404);
    expect((await producer.request('GET', `/api/v1/artists/${artistId}/downloads-analytics?period=week`)).status).toBe(422);
  });
});
