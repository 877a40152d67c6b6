import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent } from '../../support/http.js';
import { publish, upload } from '../tracks/support.js';

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

const t = useTestServer({ signIn: ['producer', 'listener'] });
let producerId: number;
let artistId: number;
let albumId: number;
let seededTrackId: number;
let otherTrackId: number;
let otherAlbumId: number;
let otherArtistId: number;

const one = async <T>(query: ReturnType<typeof sql>) => (await t.server.rows<T>(query))[0]!;

beforeAll(async () => {
  ({ id: producerId } = await one<{ id: number }>(sql`select id from users where email = 'producer@beatpass.test'`));
  ({ id: artistId } = await one<{ id: number }>(sql`select id from artists where user_id = ${producerId}`));
  ({ id: albumId } = await one<{ id: number }>(sql`
    select al.id from albums al where al.owner_id = ${producerId}
    order by (select count(*) from plays p join tracks t on t.id = p.track_id where t.album_id = al.id) desc, al.id limit 1`));
  ({ id: seededTrackId } = await one<{ id: number }>(sql`
    select t.id from tracks t where t.owner_id = ${producerId} order by (select count(*) from plays p where p.track_id = t.id) desc, t.id limit 1`));
  ({ id: otherTrackId } = await one<{ id: number }>(sql`select id from tracks where owner_id is null order by id limit 1`));
  ({ id: otherAlbumId } = await one<{ id: number }>(sql`select id from albums where owner_id is null order by id limit 1`));
  ({ id: otherArtistId } = await one<{ id: number }>(sql`select id from artists where user_id is null order by id limit 1`));
});

describe('track producer analytics', () => {
  it('counts the audience of a fresh track from what was logged, leaving out its managers', async () => {
    const producer = t.as.producer;
    const listener = t.as.listener;
    const anonymous = t.as.anonymous;
    const track = await publish(producer, (await upload(producer, 'analytics.wav')).id);
    const log = (agent: Agent, operationId: 'logTrackPlay' | 'recordTrackPlay', headers: Record<string, string>) =>
      agent.call(operationId, { path: { track_id: track.id }, body: { idempotency_key: randomUUID() }, headers });
    expect((await log(listener, 'logTrackPlay', { 'user-agent': FIREFOX_LINUX, 'cf-ipcountry': 'CA' })).status).toBe(200);
    expect((await log(anonymous, 'recordTrackPlay', { 'user-agent': SAFARI_IPHONE })).status).toBe(200);
    expect((await log(producer, 'logTrackPlay', { 'user-agent': FIREFOX_LINUX })).status).toBe(200);
    expect((await listener.call('downloadTrack', { path: { track_id: track.id } })).status).toBe(200);
    expect((await producer.call('downloadTrack', { path: { track_id: track.id } })).status).toBe(200);

    const reply = await producer.call('getTrackProducerAnalytics', { path: { track_id: track.id }, query: { period: '7d' } });
    expectStatus(reply, 200);
    const { analytics } = reply.body;
    expect(analytics.basic_info).toEqual({ id: track.id, model_type: 'track', name: track.name, image: expect.any(String), created_at: expect.any(String) });
    expect(analytics.period.key).toBe('7d');
    expect(analytics.performance_metrics).toMatchObject({ lifetime_plays: 3, plays: 2, anonymous_plays: 1, unique_listeners: 1, completion_rate: 0 });
    expect(analytics.engagement_metrics).toMatchObject({ downloads: 1, unique_downloaders: 1, reposts: 0, comments: 0 });
    expect(analytics.growth).toEqual({ plays_change: null, listeners_change: null, downloads_change: null });
    expect(analytics.audience_insights).toEqual({
      devices: [
        { label: 'desktop', value: 1 },
        { label: 'mobile', value: 1 },
      ],
      browsers: [
        { label: 'Firefox', value: 1 },
        { label: 'Safari', value: 1 },
      ],
      platforms: [
        { label: 'Linux', value: 1 },
        { label: 'iOS', value: 1 },
      ],
      locations: [
        { label: 'CA', value: 1 },
        { label: 'Unknown', value: 1 },
      ],
    });
    expect(analytics.timeline.granularity).toBe('day');
    expect(analytics.timeline.data).toHaveLength(7);
    expect(analytics.timeline.data.at(-1)).toMatchObject({ date: new Date().toISOString().slice(0, 10), plays: 2, downloads: 1 });
    expect(analytics).not.toHaveProperty('top_tracks');
  });

  it('reads the seeded plays of the demo producer, matching the database', async () => {
    const reply = await t.as.producer.call('getTrackProducerAnalytics', { path: { track_id: seededTrackId }, query: { period: '90d' } });
    expectStatus(reply, 200);
    const expected = await one<{ plays: number; anonymous: number }>(sql`
      select count(*)::int as plays, count(*) filter (where user_id is null)::int as anonymous from plays
      where track_id = ${seededTrackId} and (user_id is null or user_id <> ${producerId})
        and created_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC' - interval '89 days'`);
    expect(expected.plays).toBeGreaterThan(10);
    expect(reply.body.analytics.performance_metrics).toMatchObject({ plays: expected.plays, anonymous_plays: expected.anonymous });
    expect(reply.body.analytics.timeline.data).toHaveLength(90);
    const sum = reply.body.analytics.timeline.data.reduce((n, p) => n + p.plays, 0);
    expect(sum).toBe(expected.plays);
    expect(reply.body.analytics.audience_insights.browsers.length).toBeGreaterThan(2);
  });

  it('covers all time in months, with no growth figures', async () => {
    const reply = await t.as.producer.call('getTrackProducerAnalytics', { path: { track_id: seededTrackId }, query: { period: 'all' } });
    expectStatus(reply, 200);
    expect(reply.body.analytics.period).toMatchObject({ key: 'all', start: null });
    expect(reply.body.analytics.timeline.granularity).toBe('month');
    expect(reply.body.analytics.timeline.data[0]!.date).toMatch(/^\d{4}-\d{2}-01$/);
    expect(reply.body.analytics.growth).toEqual({ plays_change: null, listeners_change: null, downloads_change: null });
  });

  it("is only for the track's managers", async () => {
    expect((await t.as.anonymous.call('getTrackProducerAnalytics', { path: { track_id: seededTrackId } })).status).toBe(401);
    const other = await t.as.listener.call('getTrackProducerAnalytics', { path: { track_id: seededTrackId } });
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ message: 'Unauthorized access to track analytics.' });
    expect((await t.as.producer.call('getTrackProducerAnalytics', { path: { track_id: otherTrackId } })).status).toBe(403);
  });

  it('answers an unknown track with 404 and a bad period with 422', async () => {
    const missing = await t.as.producer.call('getTrackProducerAnalytics', { path: { track_id: 999999 } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Track not found.' });
    const bad = await t.as.producer.callUnchecked('getTrackProducerAnalytics', { path: { track_id: seededTrackId }, query: { period: '1y' } });
    expectStatus(bad, 422);
    expect(Object.keys(bad.body.errors)).toEqual(['period']);
  });
});

describe('album producer analytics', () => {
  it("adds up the album's tracks and lists the most played", async () => {
    const reply = await t.as.producer.call('getAlbumProducerAnalytics', { path: { album_id: albumId }, query: { period: '90d' } });
    expectStatus(reply, 200);
    const { analytics } = reply.body;
    const { n } = await one<{ n: number }>(sql`select count(*)::int as n from tracks where album_id = ${albumId}`);
    expect(analytics.basic_info).toMatchObject({ id: albumId, model_type: 'album', track_count: n });
    expect(analytics.performance_metrics.plays).toBeGreaterThan(0);
    expect(analytics.top_tracks!.length).toBe(Math.min(n, 10));
    const plays = analytics.top_tracks!.map((tr) => tr.plays);
    expect(plays).toEqual([...plays].sort((a, b) => b - a));
    expect(plays.reduce((a, b) => a + b, 0)).toBe(analytics.performance_metrics.plays);
  });

  it("is only for the album's managers, even though BeatPass lists it as optional-auth", async () => {
    expect((await t.as.anonymous.call('getAlbumProducerAnalytics', { path: { album_id: albumId } })).status).toBe(401);
    const other = await t.as.listener.call('getAlbumProducerAnalytics', { path: { album_id: albumId } });
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ message: 'Unauthorized access to album analytics.' });
    expect((await t.as.producer.call('getAlbumProducerAnalytics', { path: { album_id: otherAlbumId } })).status).toBe(403);
  });

  it('answers 404 and 422', async () => {
    expect((await t.as.producer.call('getAlbumProducerAnalytics', { path: { album_id: 999999 } })).body).toEqual({ message: 'Album not found.' });
    expect((await t.as.producer.call('getAlbumProducerAnalytics', { path: { album_id: 999999 } })).status).toBe(404);
    expect((await t.as.producer.callUnchecked('getAlbumProducerAnalytics', { path: { album_id: albumId }, query: { period: '' } })).status).toBe(422);
  });
});

describe('artist producer analytics', () => {
  it('adds up every track credited to the artist', async () => {
    const reply = await t.as.producer.call('getArtistProducerAnalytics', { path: { artist_id: artistId } });
    expectStatus(reply, 200);
    const { analytics } = reply.body;
    const { n } = await one<{ n: number }>(sql`select count(*)::int as n from track_artists where artist_id = ${artistId}`);
    expect(analytics.basic_info).toMatchObject({ id: artistId, model_type: 'artist', name: 'Demo Producer', track_count: n });
    expect(analytics.period.key).toBe('30d');
    expect(analytics.timeline.data).toHaveLength(30);
    expect(analytics.top_tracks!.length).toBeGreaterThan(0);
    const devices = analytics.audience_insights.devices.reduce((sum, d) => sum + d.value, 0);
    expect(devices).toBe(analytics.performance_metrics.plays);
  });

  it("is only for the artist's managers", async () => {
    expect((await t.as.anonymous.call('getArtistProducerAnalytics', { path: { artist_id: artistId } })).status).toBe(401);
    const other = await t.as.listener.call('getArtistProducerAnalytics', { path: { artist_id: artistId } });
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ message: 'Unauthorized access to artist analytics.' });
    expect((await t.as.producer.call('getArtistProducerAnalytics', { path: { artist_id: otherArtistId } })).status).toBe(403);
  });

  it('answers 404 and 422', async () => {
    const missing = await t.as.producer.call('getArtistProducerAnalytics', { path: { artist_id: 999999 } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Artist not found.' });
    expect((await t.as.producer.call('getArtistProducerAnalytics', { path: { artist_id: 0 } })).status).toBe(422);
  });
});
