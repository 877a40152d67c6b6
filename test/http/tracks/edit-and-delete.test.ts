import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';
import { publish, upload } from './support.js';

const t = useTestServer({ signIn: ['producer', 'listener', 'developer'] });

const trackRow = async (id: number) => (await t.server.rows(sql`select name, bpm, exclusive_status, exclusive_price_minor from tracks where id = ${id}`))[0];

describe('updating a track', () => {
  it('lets the owner change fields and keeps the rest', async () => {
    const track = await publish(t.as.producer, (await upload(t.as.producer, 'edit.wav')).id, { bpm: 120 });
    const reply = await t.as.producer.call('updateTrack', {
      path: { track_id: track.id },
      body: { bpm: 150, licensing_type: 'both', exclusive_status: 'available', exclusive_price: 250, exclusive_contact_email: 'p@beatpass.test' },
    });
    expectStatus(reply, 200);
    expect(reply.body.track).toMatchObject({ id: track.id, name: track.name, bpm: 150, exclusive_price: 250, licensing_type: 'both' });

    const withdrawn = await t.as.producer.call('updateTrack', { path: { track_id: track.id }, body: { exclusive_status: 'not_available' } });
    expectStatus(withdrawn, 200);
    expect(withdrawn.body.track).toMatchObject({ exclusive_status: 'not_available', exclusive_price: null });
  });

  it('validates the merged result', async () => {
    const track = await publish(t.as.producer, (await upload(t.as.producer, 'merge.wav')).id);
    const reply = await t.as.producer.call('updateTrack', { path: { track_id: track.id }, body: { licensing_type: 'exclusive_only' } });
    expectStatus(reply, 422);
    expect(Object.keys(reply.body.errors).sort()).toEqual(['exclusive_contact_email', 'exclusive_status']);
    expect((await t.as.producer.call('updateTrack', { path: { track_id: track.id }, body: {} })).status).toBe(422);
  });

  it('gives another user 403 and changes nothing', async () => {
    const track = await publish(t.as.producer, (await upload(t.as.producer, 'guarded.wav')).id, { bpm: 100 });
    const before = await trackRow(track.id);
    const reply = await t.as.listener.call('updateTrack', { path: { track_id: track.id }, body: { bpm: 180, name: 'Hijacked' } });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'You can only change your own tracks.' });
    expect(await trackRow(track.id)).toEqual(before);
  });

  it('answers an unknown track with 404', async () => {
    const reply = await t.as.producer.call('updateTrack', { path: { track_id: 999999 }, body: { bpm: 120 } });
    expect(reply.status).toBe(404);
  });
});

describe('deleting tracks', () => {
  it('deletes several own tracks with their audio files', async () => {
    const a = await upload(t.as.producer, 'del-a.wav');
    const b = await upload(t.as.producer, 'del-b.wav');
    const [ta, tb] = [await publish(t.as.producer, a.id), await publish(t.as.producer, b.id)];
    const keys = await t.server.rows<{ storage_key: string }>(sql`select storage_key from file_entries where id in (${a.id}, ${b.id})`);
    expect(keys.every((k) => existsSync(join(t.server.storageRoot, k.storage_key)))).toBe(true);

    const reply = await t.as.producer.call('deleteTracks', { path: { track_id: `${ta.id},${tb.id}` } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'success' });
    expect(await t.server.rows(sql`select id from tracks where id in (${ta.id}, ${tb.id})`)).toEqual([]);
    expect(keys.some((k) => existsSync(join(t.server.storageRoot, k.storage_key)))).toBe(false);
    expect((await t.server.agent().call('getTrack', { path: { track_id: ta.id } })).status).toBe(404);
  });

  it("deletes all or nothing: someone else's track among them gives 403 and nothing is deleted", async () => {
    const own = await publish(t.as.producer, (await upload(t.as.producer, 'mixed.wav')).id);
    const [foreign] = await t.server.rows<{ id: number }>(
      sql`select t.id from tracks t where t.owner_id is distinct from 2 and not exists (select 1 from track_artists ta join artists a on a.id = ta.artist_id where ta.track_id = t.id and a.user_id = 2) limit 1`,
    );
    const reply = await t.as.producer.call('deleteTracks', { path: { track_id: `${own.id},${foreign!.id}` } });
    expect(reply.status).toBe(403);
    expect((await t.server.rows(sql`select id from tracks where id in (${own.id}, ${foreign!.id})`)).length).toBe(2);
  });

  it('deletes nothing when one id does not exist (404)', async () => {
    const own = await publish(t.as.producer, (await upload(t.as.producer, 'missing.wav')).id);
    const reply = await t.as.producer.call('deleteTracks', { path: { track_id: `${own.id},999999` } });
    expect(reply.status).toBe(404);
    expect((await t.server.rows(sql`select id from tracks where id = ${own.id}`)).length).toBe(1);
  });

  it('gives another user 403 for a single track and keeps it', async () => {
    const own = await publish(t.as.producer, (await upload(t.as.producer, 'keep.wav')).id);
    const reply = await t.as.listener.call('deleteTracks', { path: { track_id: String(own.id) } });
    expect(reply.status).toBe(403);
    expect((await t.server.rows(sql`select id from tracks where id = ${own.id}`)).length).toBe(1);
  });

  it('rejects a malformed id list with 422', async () => {
    const reply = await t.as.producer.callUnchecked('deleteTracks', { path: { track_id: '1,,2' } });
    expectStatus(reply, 422);
    expect(Object.keys(reply.body.errors)).toEqual(['track_id']);
  });
});

describe('downloading', () => {
  it('needs a paid plan unless the caller manages the track', async () => {
    const track = await publish(t.as.producer, (await upload(t.as.producer, 'plans.wav')).id);
    const free = await t.as.developer.call('downloadTrack', { path: { track_id: track.id } });
    expect(free.status).toBe(403);
    expect(free.body).toEqual({ message: 'Downloads need a Classic, Plus or Pro plan.' });
    expect((await t.as.producer.call('downloadTrack', { path: { track_id: track.id } })).status).toBe(200);
    expect((await t.server.agent().call('downloadTrack', { path: { track_id: track.id } })).status).toBe(401);
  });

  it('answers 404 for a track without audio', async () => {
    const reply = await t.as.listener.call('downloadTrack', { path: { track_id: 1 } });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'This track has no downloadable audio.' });
  });
});

describe('waveforms', () => {
  it('returns an empty waveform for a track without audio and 404 for an unknown track', async () => {
    const anon = t.server.agent();
    expect((await anon.call('getTrackWave', { path: { track_id: 1 } })).body).toEqual({ status: 'success', waveData: [], comments: [] });
    expect((await anon.call('getTrackWave', { path: { track_id: 999999 } })).status).toBe(404);
  });

  it('returns several waveforms at once, leaving out unknown tracks', async () => {
    const track = await publish(t.as.producer, (await upload(t.as.producer, 'batch.wav')).id);
    const reply = await t.server.agent().call('getTrackWaves', { body: { track_ids: [track.id, 1, 999999] } });
    expectStatus(reply, 200);
    expect(Object.keys(reply.body.waves).sort()).toEqual(['1', String(track.id)].sort());
    expect(reply.body.waves[String(track.id)]).toHaveLength(512);
    expect(reply.body.waves['1']).toEqual([]);
  });
});
