import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../support/http.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { wavBytes } from '../../support/wav.js';
import { publish, publishBody, upload, wavForm } from './support.js';

let server: TestServer;
let producer: Agent;
let listener: Agent;
beforeAll(async () => {
  server = await startTestServer({ uploadMaxBytes: 200_000 });
  producer = await server.signIn('producer@beatpass.test');
  listener = await server.signIn('listener@beatpass.test');
});
afterAll(async () => { await server.close(); });

const storedFiles = () => readdirSync(join(server.storageRoot, 'audio'));
const tempFiles = () => readdirSync(join(server.storageRoot, 'tmp'));

describe('uploading audio', () => {
  it('turns a real WAV into a playable, downloadable track with the right duration and peaks', async () => {
    const bytes = wavBytes({ seconds: 3, sampleRate: 8000, channels: 2, envelope: (p) => (p < 0.5 ? 0.25 : 0.75) });
    const uploaded = await producer.request('POST', '/api/v1/uploads', { form: wavForm('Night Ride 140bpm F#m.wav', bytes), xsrf: true });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.fileEntry).toMatchObject({
      name: 'Night Ride 140bpm F#m.wav', mime: 'audio/wav', size: bytes.length, duration: 3000, duration_text: '0:03',
      sample_rate: 8000, channels: 2, bits_per_sample: 16,
    });
    const fileEntryId = uploaded.body.fileEntry.id;

    const metadata = await producer.request('POST', `/api/v1/tracks/${fileEntryId}/extract-metadata`, { xsrf: true });
    expect(metadata.status).toBe(200);
    expect(metadata.body.metadata).toMatchObject({ file_entry_id: fileEntryId, name: 'Night Ride', bpm: 140, key: 'F#', scale: 'minor', duration: 3000 });

    const track = await publish(producer, fileEntryId, { name: 'Night Ride Upload Test', price: 29.99, licensing_type: 'both', exclusive_status: 'available', exclusive_price: 499.5, exclusive_contact_email: 'producer@beatpass.test' });
    expect(track).toMatchObject({ name: 'Night Ride Upload Test', duration: 3000, duration_text: '0:03', price: 29.99, exclusive_price: 499.5, exclusive_currency: 'USD', exclusive_status: 'available' });
    expect((track as unknown as { artists: { name: string }[] }).artists.map((a) => a.name)).toEqual(['Demo Producer']);

    const download = await listener.request<Buffer>('GET', `/api/v1/tracks/${track.id}/download`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('audio/wav');
    expect(download.headers.get('content-length')).toBe(String(bytes.length));
    expect(download.headers.get('content-disposition')).toContain('Night Ride Upload Test.wav');
    expect(Buffer.compare(download.body, bytes)).toBe(0);

    const wave = await new Agent(server.baseUrl).request('GET', `/api/v1/tracks/${track.id}/wave`);
    expect(wave.status).toBe(200);
    const peaks: number[] = wave.body.waveData;
    expect(peaks).toHaveLength(512);
    expect(peaks.slice(10, 246).every((p) => Math.abs(p - 0.25) < 0.01)).toBe(true);
    expect(peaks.slice(266, 502).every((p) => Math.abs(p - 0.75) < 0.01)).toBe(true);
  });

  it('returns the exact bytes of a Range request with 206', async () => {
    const bytes = wavBytes({ seconds: 2 });
    const { id } = await upload(producer, 'range.wav');
    const track = await publish(producer, id);
    const stored = readFileSync(join(server.storageRoot, (await server.rows<{ storage_key: string }>(sql`select storage_key from file_entries where id = ${id}`))[0]!.storage_key));
    expect(Buffer.compare(stored, bytes)).toBe(0);

    const part = await listener.request<Buffer>('GET', `/api/v1/tracks/${track.id}/download`, { headers: { range: 'bytes=100-1123' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-1123/${bytes.length}`);
    expect(part.headers.get('content-length')).toBe('1024');
    expect(Buffer.compare(part.body, bytes.subarray(100, 1124))).toBe(0);

    const tail = await listener.request<Buffer>('GET', `/api/v1/tracks/${track.id}/download`, { headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(Buffer.compare(tail.body, bytes.subarray(bytes.length - 10))).toBe(0);

    const outside = await listener.request('GET', `/api/v1/tracks/${track.id}/download`, { headers: { range: `bytes=${bytes.length + 10}-` } });
    expect(outside.status).toBe(416);
    expect(outside.body).toEqual({ message: 'Requested range not satisfiable.' });
    expect(outside.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
  });

  it('rejects a .wav file that is not audio with 422 and leaves no file and no row behind', async () => {
    const before = await server.rows(sql`select id from file_entries`);
    const reply = await producer.request('POST', '/api/v1/uploads', { form: wavForm('definitely-audio.wav', 'just some text, not a RIFF file at all'), xsrf: true });
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({ message: 'The file must be a WAV audio file.', errors: { file: ['The file must be a WAV audio file.'] } });
    expect(await server.rows(sql`select id from file_entries`)).toEqual(before);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tempFiles()).toEqual([]);
    expect(storedFiles().length).toBe(before.length);
  });

  it('rejects audio shorter than a second with 422', async () => {
    const reply = await producer.request('POST', '/api/v1/uploads', { form: wavForm('blip.wav', wavBytes({ seconds: 0.4 })), xsrf: true });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual({ file: ['The audio must be at least 1 second long.'] });
  });

  it('rejects a file over the size limit with 422 and keeps nothing', async () => {
    const before = storedFiles().length;
    const reply = await producer.request('POST', '/api/v1/uploads', { form: wavForm('long.wav', wavBytes({ seconds: 20 })), xsrf: true });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual({ file: ['The file may not be greater than 0.2 MB.'] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tempFiles()).toEqual([]);
    expect(storedFiles().length).toBe(before);
  });

  it('wants a file, not a text field, in `file`', async () => {
    const form = new FormData();
    form.append('file', 'not a file');
    const reply = await producer.request('POST', '/api/v1/uploads', { form, xsrf: true });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual({ file: ['The file field must be a file.'] });
  });

  it('answers a malformed multipart body with 400 and keeps nothing', async () => {
    const before = storedFiles().length;
    const truncated = '--beatpass\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\n\r\nRIFF';
    for (const contentType of ['multipart/form-data; boundary=beatpass', 'multipart/form-data']) {
      const reply = await producer.request('POST', '/api/v1/uploads', { body: truncated, headers: { 'content-type': contentType }, xsrf: true });
      expect(reply.status, contentType).toBe(400);
      expect(reply.body).toEqual({ message: 'The multipart body is malformed.' });
    }
    expect(tempFiles()).toEqual([]);
    expect(storedFiles().length).toBe(before);
  });

  it('refuses uploads from a user without an artist profile (403) and keeps nothing', async () => {
    const before = storedFiles().length;
    const reply = await listener.request('POST', '/api/v1/uploads', { form: wavForm('mine.wav', wavBytes({ seconds: 2 })), xsrf: true });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'You need an artist profile to upload tracks.' });
    expect(storedFiles().length).toBe(before);
  });

  it('needs sign-in and, with a session, the XSRF header', async () => {
    const form = () => wavForm('x.wav', wavBytes({ seconds: 2 }));
    expect((await new Agent(server.baseUrl).request('POST', '/api/v1/uploads', { form: form() })).status).toBe(401);
    expect((await producer.request('POST', '/api/v1/uploads', { form: form() })).status).toBe(419);
  });

  it('hides another user\'s upload from extract-metadata (404)', async () => {
    const { id } = await upload(producer, 'private.wav');
    const reply = await listener.request('POST', `/api/v1/tracks/${id}/extract-metadata`, { xsrf: true });
    expect(reply.status).toBe(404);
  });
});

describe('publishing a track', () => {
  it('applies the exclusive licensing rules', async () => {
    const { id } = await upload(producer, 'rules.wav');
    const post = (overrides: Record<string, unknown>) => producer.request('POST', '/api/v1/tracks', { json: publishBody(id, overrides), xsrf: true });

    const noPrice = await post({ licensing_type: 'both', exclusive_status: 'available', exclusive_contact_email: 'a@beatpass.test' });
    expect(noPrice.status).toBe(422);
    expect(noPrice.body.errors).toEqual({ exclusive_price: ['The exclusive price field is required when exclusive rights are available.'] });

    const noStatus = await post({ licensing_type: 'exclusive_only' });
    expect(noStatus.status).toBe(422);
    expect(Object.keys(noStatus.body.errors).sort()).toEqual(['exclusive_contact_email', 'exclusive_status']);

    const tooCheap = await post({ licensing_type: 'both', exclusive_status: 'available', exclusive_price: 0.5, exclusive_contact_email: 'a@beatpass.test' });
    expect(tooCheap.status).toBe(422);
    expect(tooCheap.body.errors.exclusive_price).toEqual(['The exclusive_price field must be at least 1.']);

    const notAvailable = await post({ licensing_type: 'both', exclusive_status: 'not_available', exclusive_price: 300, exclusive_contact_email: 'a@beatpass.test' });
    expect(notAvailable.status).toBe(200);
    expect(notAvailable.body.track).toMatchObject({ exclusive_status: 'not_available', exclusive_price: null, exclusive_currency: null });
  });

  it('checks bpm range, names, genres and the upload', async () => {
    const { id } = await upload(producer, 'checks.wav');
    const post = (overrides: Record<string, unknown>) => producer.request('POST', '/api/v1/tracks', { json: publishBody(id, overrides), xsrf: true });
    expect((await post({ bpm: 59 })).body.errors).toEqual({ bpm: ['The bpm field must be at least 60.'] });
    expect((await post({ bpm: 201 })).body.errors).toEqual({ bpm: ['The bpm field must not be greater than 200.'] });
    expect((await post({ name: 'my beat.wav' })).body.errors).toEqual({ name: ['The name must not end with a file extension.'] });
    expect((await post({ genres: ['trap', 'polka-techno'] })).body.errors).toEqual({ 'genres.1': ['The selected genres.1 is invalid.'] });
    expect((await post({ artists: [999999] })).body.errors).toEqual({ 'artists.0': ['The selected artists.0 is invalid.'] });
    expect((await post({ surprise: true })).body.errors).toEqual({ surprise: ['The surprise field is not allowed.'] });

    const taken = (await server.rows<{ name: string }>(sql`select name from tracks order by id limit 1`))[0]!.name;
    const duplicate = await post({ name: taken.toUpperCase() });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.errors).toEqual({ name: ['The name has already been taken.'] });

    await publish(producer, id);
    const again = await post({});
    expect(again.status).toBe(422);
    expect(again.body.errors).toEqual({ file_entry_id: ['This upload has already been published.'] });
  });

  it('refuses to credit only artists the caller does not manage (403) and stores nothing', async () => {
    const { id } = await upload(producer, 'credit.wav');
    const [other] = await server.rows<{ id: number }>(sql`select id from artists where user_id is null order by id limit 1`);
    const reply = await producer.request('POST', '/api/v1/tracks', { json: publishBody(id, { artists: [other!.id] }), xsrf: true });
    expect(reply.status).toBe(403);
    expect(await server.rows(sql`select id from tracks where file_entry_id = ${id}`)).toEqual([]);
  });

  it('does not let another user publish someone else\'s upload', async () => {
    const { id } = await upload(producer, 'theirs.wav');
    const reply = await listener.request('POST', '/api/v1/tracks', { json: publishBody(id), xsrf: true });
    expect(reply.status).toBe(403);
    expect(await server.rows(sql`select id from tracks where file_entry_id = ${id}`)).toEqual([]);
  });
});
