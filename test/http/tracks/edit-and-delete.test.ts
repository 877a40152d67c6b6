import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../server/db/seed.js';
import { Agent } from '../../support/http.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { publish, upload } from './support.js';

let server: TestServer;
let producer: Agent;
let listener: Agent;
beforeAll(async () => {
  server = await startTestServer();
  producer = await server.signIn('producer@beatpass.test');
  listener = await server.signIn('listener@beatpass.test');
});
afterAll(async () => { await server.close(); });

const trackRow = async (id: number) => (await server.rows(sql`select name, bpm, exclusive_status, exclusive_price_minor from tracks where id = ${id}`))[0];

describe('updating a track', () => {
  it('lets the owner change fields and keeps the rest', async () => {
    const track = await publish(producer, (await upload(producer, 'edit.wav')).id, { bpm: 120 });
    const reply = await producer.request('PUT', `/api/v1/tracks/${track.id}`, {
      json: { bpm: 150, licensing_type: 'both', exclusive_status: 'available', exclusive_price: 250, exclusive_contact_email: 'p@beatpass.test' },
      xsrf: true,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.track).toMatchObject({ id: track.id, name: track.name, bpm: 150, exclusive_price: 250, licensing_type: 'both' });

    const withdrawn = await producer.request('PUT', `/api/v1/tracks/${track.id}`, { json: { exclusive_status: 'not_available' }, xsrf: true });
    expect(withdrawn.body.track).toMatchObject({ exclusive_status: 'not_available', exclusive_price: null });
  });

  it('validates the merged result', async () => {
    const track = await publish(producer, (await upload(producer, 'merge.wav')).id);
    const reply = await producer.request('PUT', `/api/v1/tracks/${track.id}`, { json: { licensing_type: 'exclusive_only' }, xsrf: true });
    expect(reply.status).toBe(422);
    expect(Object.keys(reply.body.errors).sort()).toEqual(['exclusive_contact_email', 'exclusive_status']);
    expect((await producer.request('PUT', `/api/v1/tracks/${track.id}`, { json: {}, xsrf: true })).status).toBe(422);
  });

  it('gives another user 403 and changes nothing', async () => {
    const track = await publish(producer, (await upload(producer, 'guarded.wav')).id, { bpm: 100 });
    const before = await trackRow(track.id);
    const reply = await listener.request('PUT', `/api/v1/tracks/${track.id}`, { json: { bpm: 180, name: 'Hijacked' }, xsrf: true });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'You can only change your own tracks.' });
    expect(await trackRow(track.id)).toEqual(before);
  });

  it('answers an unknown track with 404', async () => {
    const reply = await producer.request('PUT', '/api/v1/tracks/999999', { json: { bpm: 120 }, xsrf: true });
    expect(reply.status).toBe(404);
  });
});

describe('deleting tracks', () => {
  it('deletes several own tracks with their audio files', async () => {
    const a = await upload(producer, 'del-a.wav');
    const b = await upload(producer, 'del-b.wav');
    const [ta, tb] = [await publish(producer, a.id), await publish(producer, b.id)];
    const keys = await server.rows<{ storage_key: string }>(sql`select storage_key from file_entries where id in (${a.id}, ${b.id})`);
    expect(keys.every((k) => existsSync(join(server.storageRoot, k.storage_key)))).toBe(true);

    const reply = await producer.request('DELETE', `/api/v1/tracks/${ta.id},${tb.id}`, { xsrf: true });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'success' });
    expect(await server.rows(sql`select id from tracks where id in (${ta.id}, ${tb.id})`)).toEqual([]);
    expect(keys.some((k) => existsSync(join(server.storageRoot, k.storage_key)))).toBe(false);
    expect((await new Agent(server.baseUrl).request('GET', `/api/v1/tracks/${ta.id}`)).status).toBe(404);
  });

  it('deletes all or nothing: someone else\'s track among them gives 403 and nothing is deleted', async () => {
    const own = await publish(producer, (await upload(producer, 'mixed.wav')).id);
    const [foreign] = await server.rows<{ id: number }>(sql`select t.id from tracks t where t.owner_id is distinct from 2 and not exists (select 1 from track_artists ta join artists a on a.id = ta.artist_id where ta.track_id = t.id and a.user_id = 2) limit 1`);
    const reply = await producer.request('DELETE', `/api/v1/tracks/${own.id},${foreign!.id}`, { xsrf: true });
    expect(reply.status).toBe(403);
    expect((await server.rows(sql`select id from tracks where id in (${own.id}, ${foreign!.id})`)).length).toBe(2);
  });

  it('deletes nothing when one id does not exist (404)', async () => {
    const own = await publish(producer, (await upload(producer, 'missing.wav')).id);
    const reply = await producer.request('DELETE', `/api/v1/tracks/${own.id},999999`, { xsrf: true });
    expect(reply.status).toBe(404);
    expect((await server.rows(sql`select id from tracks where id = ${own.id}`)).length).toBe(1);
  });

  it('gives another user 403 for a single track and keeps it', async () => {
    const own = await publish(producer, (await upload(producer, 'keep.wav')).id);
    const reply = await listener.request('DELETE', `/api/v1/tracks/${own.id}`, { xsrf: true });
    expect(reply.status).toBe(403);
    expect((await server.rows(sql`select id from tracks where id = ${own.id}`)).length).toBe(1);
  });

  it('rejects a malformed id list with 422', async () => {
    const reply = await producer.request('DELETE', '/api/v1/tracks/1,,2', { xsrf: true });
    expect(reply.status).toBe(422);
    expect(Object.keys(reply.body.errors)).toEqual(['track_id']);
  });
});

describe('downloading', () => {
  it('needs a paid plan unless the caller manages the track', async () => {
    const track = await publish(producer, (await upload(producer, 'plans.wav')).id);
    const developer = new Agent(server.baseUrl);
    await developer.login('developer@beatpass.test', DEMO_PASSWORD);
    const free = await developer.request('GET', `/api/v1/tracks/${track.id}/download`);
    expect(free.status).toBe(403);
    expect(free.body).toEqual({ message: 'Downloads need a Classic, Plus or Pro plan.' });
    expect((await producer.request('GET', `/api/v1/tracks/${track.id}/download`)).status).toBe(200);
    expect((await new Agent(server.baseUrl).request('GET', `/api/v1/tracks/${track.id}/download`)).status).toBe(401);
  });

  it('answers 404 for a track without audio', async () => {
    const reply = await listener.request('GET', '/api/v1/tracks/1/download');
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'This track has no downloadable audio.' });
  });
});

describe('waveforms', () => {
  it('returns an empty waveform for a track without audio and 404 for an unknown track', async () => {
    const anon = new Agent(server.baseUrl);
    expect((await anon.request('GET', '/api/v1/tracks/1/wave')).body).toEqual({ status: 'success', waveData: [], comments: [] });
    expect((await anon.request('GET', '/api/v1/tracks/999999/wave')).status).toBe(404);
  });

  it('returns several waveforms at once, leaving out unknown tracks', async () => {
    const track = await publish(producer, (await upload(producer, 'batch.wav')).id);
    const reply = await new Agent(server.baseUrl).request('POST', '/api/v1/tracks/wave-batch', { json: { track_ids: [track.id, 1, 999999] } });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body.waves).sort()).toEqual(['1', String(track.id)].sort());
    expect(reply.body.waves[String(track.id)]).toHaveLength(512);
    expect(reply.body.waves['1']).toEqual([]);
  });
});
