import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';
import { wavBytes } from '../../support/wav.js';
import { createTrackBody, publish, publishBody, upload, wavForm, type CreateTrackBody } from './support.js';

const t = useTestServer({ uploadMaxBytes: 200_000, signIn: ['producer', 'listener'] });

const storedFiles = () => readdirSync(join(t.server.storageRoot, 'audio'));
const tempFiles = () => readdirSync(join(t.server.storageRoot, 'tmp'));

describe('uploading audio', () => {
  it('turns a real WAV into a playable, downloadable track with the right duration and peaks', async () => {
    const bytes = wavBytes({ seconds: 3, sampleRate: 8000, channels: 2, envelope: (p) => (p < 0.5 ? 0.25 : 0.75) });
    const uploaded = await t.as.producer.call('uploadTrackAudio', { form: wavForm('Night Ride 140bpm F#m.wav', bytes) });
    expectStatus(uploaded, 201);
    expect(uploaded.body.fileEntry).toMatchObject({
      name: 'Night Ride 140bpm F#m.wav',
      mime: 'audio/wav',
      size: bytes.length,
      duration: 3000,
      duration_text: '0:03',
      sample_rate: 8000,
      channels: 2,
      bits_per_sample: 16,
    });
    const fileEntryId = uploaded.body.fileEntry.id;

    const metadata = await t.as.producer.call('extractTrackMetadata', { path: { file_entry_id: fileEntryId } });
    expectStatus(metadata, 200);
    expect(metadata.body.metadata).toMatchObject({ file_entry_id: fileEntryId, name: 'Night Ride', bpm: 140, key: 'F#', scale: 'minor', duration: 3000 });

    const track = await publish(t.as.producer, fileEntryId, {
      name: 'Night Ride Upload Test',
      price: 29.99,
      licensing_type: 'both',
      exclusive_status: 'available',
      exclusive_price: 499.5,
      exclusive_contact_email: 'producer@beatpass.test',
    });
    expect(track).toMatchObject({
      name: 'Night Ride Upload Test',
      duration: 3000,
      duration_text: '0:03',
      price: 29.99,
      exclusive_price: 499.5,
      exclusive_currency: 'USD',
      exclusive_status: 'available',
    });
    expect(track.artists.map((a) => a.name)).toEqual(['Demo Producer']);

    const download = await t.as.listener.call('downloadTrack', { path: { track_id: track.id } });
    expectStatus(download, 200);
    expect(download.headers.get('content-type')).toBe('audio/wav');
    expect(download.headers.get('content-length')).toBe(String(bytes.length));
    expect(download.headers.get('content-disposition')).toContain('Night Ride Upload Test.wav');
    expect(Buffer.compare(download.body, bytes)).toBe(0);

    const wave = await t.server.agent().call('getTrackWave', { path: { track_id: track.id } });
    expectStatus(wave, 200);
    const peaks: number[] = wave.body.waveData;
    expect(peaks).toHaveLength(512);
    expect(peaks.slice(10, 246).every((p) => Math.abs(p - 0.25) < 0.01)).toBe(true);
    expect(peaks.slice(266, 502).every((p) => Math.abs(p - 0.75) < 0.01)).toBe(true);
  });

  it('returns the exact bytes of a Range request with 206', async () => {
    const bytes = wavBytes({ seconds: 2 });
    const { id } = await upload(t.as.producer, 'range.wav');
    const track = await publish(t.as.producer, id);
    const stored = readFileSync(
      join(t.server.storageRoot, (await t.server.rows<{ storage_key: string }>(sql`select storage_key from file_entries where id = ${id}`))[0]!.storage_key),
    );
    expect(Buffer.compare(stored, bytes)).toBe(0);

    const part = await t.as.listener.call('downloadTrack', { path: { track_id: track.id }, headers: { range: 'bytes=100-1123' } });
    expectStatus(part, 206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-1123/${bytes.length}`);
    expect(part.headers.get('content-length')).toBe('1024');
    expect(Buffer.compare(part.body, bytes.subarray(100, 1124))).toBe(0);

    const tail = await t.as.listener.call('downloadTrack', { path: { track_id: track.id }, headers: { range: 'bytes=-10' } });
    expectStatus(tail, 206);
    expect(Buffer.compare(tail.body, bytes.subarray(bytes.length - 10))).toBe(0);

    const outside = await t.as.listener.call('downloadTrack', { path: { track_id: track.id }, headers: { range: `bytes=${bytes.length + 10}-` } });
    expect(outside.status).toBe(416);
    expect(outside.body).toEqual({ message: 'Requested range not satisfiable.' });
    expect(outside.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
  });

  it('rejects a .wav file that is not audio with 422 and leaves no file and no row behind', async () => {
    const before = await t.server.rows(sql`select id from file_entries`);
    const reply = await t.as.producer.call('uploadTrackAudio', { form: wavForm('definitely-audio.wav', 'just some text, not a RIFF file at all') });
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({ message: 'The file must be a WAV audio file.', errors: { file: ['The file must be a WAV audio file.'] } });
    expect(await t.server.rows(sql`select id from file_entries`)).toEqual(before);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tempFiles()).toEqual([]);
    expect(storedFiles().length).toBe(before.length);
  });

  it('gives the duration of the audio the file holds, whatever its header claims', async () => {
    const claimsTenHours = wavBytes({ seconds: 2, claimedFrames: 10 * 3600 * 8000 });
    const uploaded = await t.as.producer.call('uploadTrackAudio', { form: wavForm('claims ten hours.wav', claimsTenHours) });
    expectStatus(uploaded, 201);
    expect(uploaded.body.fileEntry).toMatchObject({ duration: 2000, duration_text: '0:02' });
    const track = await publish(t.as.producer, uploaded.body.fileEntry.id);
    expect(track).toMatchObject({ duration: 2000, duration_text: '0:02' });
  });

  it('answers a header claiming more audio than a duration can hold with the real duration or 422, never 500', async () => {
    const noFrameSize = await t.as.producer.call('uploadTrackAudio', { form: wavForm('zero-align.wav', wavBytes({ seconds: 2, claimedBlockAlign: 0 })) });
    expectStatus(noFrameSize, 201);
    expect(noFrameSize.body.fileEntry.duration).toBe(2000);

    const crawling = wavBytes({ seconds: 20, sampleRate: 100, claimedFrames: 0xffffffff });
    const refused = await t.as.producer.call('uploadTrackAudio', { form: wavForm('crawling.wav', crawling) });
    expectStatus(refused, 422);
    expect(refused.body.errors).toEqual({ file: ['The sample rate must be between 8000 and 384000 Hz.'] });
  });

  it('rejects audio shorter than a second with 422', async () => {
    const reply = await t.as.producer.call('uploadTrackAudio', { form: wavForm('blip.wav', wavBytes({ seconds: 0.4 })) });
    expectStatus(reply, 422);
    expect(reply.body.errors).toEqual({ file: ['The audio must be at least 1 second long.'] });
  });

  it('rejects a file over the size limit with 422 and keeps nothing', async () => {
    const before = storedFiles().length;
    const reply = await t.as.producer.call('uploadTrackAudio', { form: wavForm('long.wav', wavBytes({ seconds: 20 })) });
    expectStatus(reply, 422);
    expect(reply.body.errors).toEqual({ file: ['The file may not be greater than 0.2 MB.'] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tempFiles()).toEqual([]);
    expect(storedFiles().length).toBe(before);
  });

  it('wants a file, not a text field, in `file`', async () => {
    const form = new FormData();
    form.append('file', 'not a file');
    const reply = await t.as.producer.call('uploadTrackAudio', { form });
    expectStatus(reply, 422);
    expect(reply.body.errors).toEqual({ file: ['The file field must be a file.'] });
  });

  it('answers a malformed multipart body with 400 and keeps nothing', async () => {
    const before = storedFiles().length;
    const truncated = '--beatpass\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\n\r\nRIFF';
    for (const contentType of ['multipart/form-data; boundary=beatpass', 'multipart/form-data']) {
      // Raw HTTP: a body that is not well-formed multipart, with a hand-written content type.
      const reply = await t.as.producer.request('POST', '/api/v1/uploads', { body: truncated, headers: { 'content-type': contentType } });
      expect(reply.status, contentType).toBe(400);
      expect(reply.body).toEqual({ message: 'The multipart body is malformed.' });
    }
    expect(tempFiles()).toEqual([]);
    expect(storedFiles().length).toBe(before);
  });

  it('refuses uploads from a user without an artist profile (403) and keeps nothing', async () => {
    const before = storedFiles().length;
    const reply = await t.as.listener.call('uploadTrackAudio', { form: wavForm('mine.wav', wavBytes({ seconds: 2 })) });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'You need an artist profile to upload tracks.' });
    expect(storedFiles().length).toBe(before);
  });

  it('needs sign-in and, with a session, the XSRF header', async () => {
    const form = () => wavForm('x.wav', wavBytes({ seconds: 2 }));
    expect((await t.server.agent().call('uploadTrackAudio', { form: form() })).status).toBe(401);
    expect((await t.as.producer.call('uploadTrackAudio', { form: form(), xsrf: false })).status).toBe(419);
  });

  it("hides another user's upload from extract-metadata (404)", async () => {
    const { id } = await upload(t.as.producer, 'private.wav');
    const reply = await t.as.listener.call('extractTrackMetadata', { path: { file_entry_id: id } });
    expect(reply.status).toBe(404);
  });
});

describe('publishing a track', () => {
  it('applies the exclusive licensing rules', async () => {
    const { id } = await upload(t.as.producer, 'rules.wav');
    const post = (overrides: CreateTrackBody) => t.as.producer.call('createTrack', { body: createTrackBody(id, overrides) });

    const noPrice = await post({ licensing_type: 'both', exclusive_status: 'available', exclusive_contact_email: 'a@beatpass.test' });
    expectStatus(noPrice, 422);
    expect(noPrice.body.errors).toEqual({ exclusive_price: ['The exclusive price field is required when exclusive rights are available.'] });

    const noStatus = await post({ licensing_type: 'exclusive_only' });
    expectStatus(noStatus, 422);
    expect(Object.keys(noStatus.body.errors).sort()).toEqual(['exclusive_contact_email', 'exclusive_status']);

    const tooCheap = await post({ licensing_type: 'both', exclusive_status: 'available', exclusive_price: 0.5, exclusive_contact_email: 'a@beatpass.test' });
    expectStatus(tooCheap, 422);
    expect(tooCheap.body.errors.exclusive_price).toEqual(['The exclusive_price field must be at least 1.']);

    const notAvailable = await post({
      licensing_type: 'both',
      exclusive_status: 'not_available',
      exclusive_price: 300,
      exclusive_contact_email: 'a@beatpass.test',
    });
    expectStatus(notAvailable, 200);
    expect(notAvailable.body.track).toMatchObject({ exclusive_status: 'not_available', exclusive_price: null, exclusive_currency: null });
  });

  it('checks bpm range, names, genres and the upload', async () => {
    const { id } = await upload(t.as.producer, 'checks.wav');
    const post = (overrides: Record<string, unknown>) => t.as.producer.callUnchecked('createTrack', { body: publishBody(id, overrides) });
    /** The field errors of a publish the server refuses (422). */
    const errorsOf = async (overrides: Record<string, unknown>) => {
      const reply = await post(overrides);
      expectStatus(reply, 422);
      return reply.body.errors;
    };
    expect(await errorsOf({ bpm: 59 })).toEqual({ bpm: ['The bpm field must be at least 60.'] });
    expect(await errorsOf({ bpm: 201 })).toEqual({ bpm: ['The bpm field must not be greater than 200.'] });
    expect(await errorsOf({ name: 'my beat.wav' })).toEqual({ name: ['The name must not end with a file extension.'] });
    expect(await errorsOf({ genres: ['trap', 'polka-techno'] })).toEqual({ 'genres.1': ['The selected genres.1 is invalid.'] });
    expect(await errorsOf({ artists: [999999] })).toEqual({ 'artists.0': ['The selected artists.0 is invalid.'] });
    expect(await errorsOf({ surprise: true })).toEqual({ surprise: ['The surprise field is not allowed.'] });

    const taken = (await t.server.rows<{ name: string }>(sql`select name from tracks order by id limit 1`))[0]!.name;
    const duplicate = await post({ name: taken.toUpperCase() });
    expectStatus(duplicate, 422);
    expect(duplicate.body.errors).toEqual({ name: ['The name has already been taken.'] });

    await publish(t.as.producer, id);
    const again = await post({});
    expectStatus(again, 422);
    expect(again.body.errors).toEqual({ file_entry_id: ['This upload has already been published.'] });
  });

  it('refuses to credit only artists the caller does not manage (403) and stores nothing', async () => {
    const { id } = await upload(t.as.producer, 'credit.wav');
    const [other] = await t.server.rows<{ id: number }>(sql`select id from artists where user_id is null order by id limit 1`);
    const reply = await t.as.producer.call('createTrack', { body: createTrackBody(id, { artists: [other!.id] }) });
    expect(reply.status).toBe(403);
    expect(await t.server.rows(sql`select id from tracks where file_entry_id = ${id}`)).toEqual([]);
  });

  it("does not let another user publish someone else's upload", async () => {
    const { id } = await upload(t.as.producer, 'theirs.wav');
    const reply = await t.as.listener.call('createTrack', { body: createTrackBody(id) });
    expect(reply.status).toBe(403);
    expect(await t.server.rows(sql`select id from tracks where file_entry_id = ${id}`)).toEqual([]);
  });
});
