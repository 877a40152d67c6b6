import { watch, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import type { Agent, Reply } from '../../support/http.js';
import { wavBytes } from '../../support/wav.js';
import { upload } from './support.js';

const QUOTA = 100_000;
const t = useTestServer({ uploadQuotaBytes: QUOTA, signIn: ['producer', 'listener'] });

const UPLOADS = '/api/v1/uploads';
const BOUNDARY = 'beatpass-upload-limits';
const CHUNK = 16 * 1024;

/**
 * A multipart body with one WAV in `file`, sent as a stream. With `holdAfter`, it sends that
 * many bytes and then holds the rest back until `stop()`, as a client still uploading would.
 */
function uploadStream(file: Buffer, holdAfter = Number.POSITIVE_INFINITY) {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.wav"\r\nContent-Type: audio/wav\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  let sent = 0;
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent >= Math.min(holdAfter, body.length)) {
        if (sent < body.length) await stopped;
        controller.close();
        return;
      }
      const chunk = body.subarray(sent, Math.min(sent + CHUNK, body.length));
      sent += chunk.length;
      controller.enqueue(new Uint8Array(chunk));
    },
  });
  return { stream, length: body.length, sent: () => sent, stop };
}

const multipart = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

/** The reply, or a failure if the server waits for the rest of the body instead of answering. */
async function answeredWithin<T>(reply: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: the server waited for the body`)), ms);
  });
  try {
    return await Promise.race([reply, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every file created in the server's temporary upload directory while a test runs. */
let tempWrites: string[] = [];
let stopWatching = () => {};
beforeEach(() => {
  tempWrites = [];
  const watcher = watch(join(t.server.storageRoot, 'tmp'), (_event, name) => tempWrites.push(String(name)));
  stopWatching = () => watcher.close();
});
afterEach(() => stopWatching());

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
const storedFiles = () => readdirSync(join(t.server.storageRoot, 'audio'));
const storedBytes = async (email: string) =>
  Number(
    (
      await t.server.rows<{ bytes: string }>(
        sql`select coalesce(sum(f.size_bytes), 0) as bytes from file_entries f join users u on u.id = f.owner_id where u.email = ${email}`,
      )
    )[0]!.bytes,
  );

/** Sends a large upload that holds back all but its first 64 KB, declaring its full length. */
async function heldBackUpload(agent: Agent, declaredBytes: number): Promise<{ reply: Reply; sent: number }> {
  const held = uploadStream(wavBytes({ seconds: 60 }), 64 * 1024);
  try {
    const reply = await answeredWithin(
      agent.request('POST', UPLOADS, { body: held.stream, headers: { ...multipart, 'content-length': String(declaredBytes) } }),
      5_000,
    );
    return { reply, sent: held.sent() };
  } finally {
    held.stop();
  }
}

describe('refusing an upload before its body is read', () => {
  it('answers a user without an artist profile 403 while the file is still being sent, and writes nothing to disk', async () => {
    const { reply, sent } = await heldBackUpload(t.as.listener, 100 * 1024 * 1024);
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'You need an artist profile to upload tracks.' });
    expect(sent).toBeLessThan(100 * 1024);
    await settle();
    expect(tempWrites).toEqual([]);
    expect(readdirSync(join(t.server.storageRoot, 'tmp'))).toEqual([]);
  });

  it('answers an upload whose declared length is over the storage quota 413 before reading it', async () => {
    const before = storedFiles();
    const { reply, sent } = await heldBackUpload(t.as.producer, QUOTA + 1024 * 1024);
    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({ message: 'Storage quota exceeded. Your uploads may take up at most 0.1 MB in total.' });
    expect(sent).toBeLessThan(100 * 1024);
    await settle();
    expect(tempWrites).toEqual([]);
    expect(storedFiles()).toEqual(before);
  });
});

describe('the storage quota', () => {
  it('stores uploads that fit and refuses, on its real size, one that would go over, keeping nothing of it', async () => {
    await upload(t.as.producer, 'fits.wav');
    const used = await storedBytes('producer@beatpass.test');
    expect(used).toBeGreaterThan(0);
    const before = storedFiles();

    // Chunked, so only the bytes received can tell that it does not fit.
    const tooBig = uploadStream(wavBytes({ seconds: Math.ceil((QUOTA - used) / 16_000) + 1 }));
    const reply = await t.as.producer.request('POST', UPLOADS, { body: tooBig.stream, headers: multipart });
    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({ message: 'Storage quota exceeded. Your uploads may take up at most 0.1 MB in total.' });
    expect(tooBig.sent()).toBe(tooBig.length);
    await settle();
    expect(await storedBytes('producer@beatpass.test')).toBe(used);
    expect(storedFiles()).toEqual(before);
    expect(readdirSync(join(t.server.storageRoot, 'tmp'))).toEqual([]);
  });
});
