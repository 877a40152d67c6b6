// The typed client through the whole publishing flow against the real server:
// upload (multipart) → extract metadata → publish → read → download a byte range.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBeatPassClient, unwrap, type SessionBeatPassClient } from '../../client/index.js';
import { DEMO_PASSWORD } from '../../server/seed/seed.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { wavBytes } from '../support/wav.js';

let server: TestServer;
let client: SessionBeatPassClient;
beforeAll(async () => {
  server = await startTestServer();
  client = createBeatPassClient({ baseUrl: server.baseUrl, auth: { mode: 'session' } });
  await client.session.login({ email: 'producer@beatpass.test', password: DEMO_PASSWORD });
});
afterAll(async () => {
  await server.close();
});

describe('typed client: upload to publish', () => {
  it('uploads a WAV, reads its metadata, publishes it and downloads a range of it', async () => {
    const bytes = wavBytes({ seconds: 2 });
    const { fileEntry } = unwrap(
      await client.POST('/api/v1/uploads', {
        // openapi-typescript types binary fields as string; the serializer sends the real Blob.
        body: { file: new Blob([new Uint8Array(bytes)], { type: 'audio/wav' }) as unknown as string },
        bodySerializer(body) {
          const form = new FormData();
          form.append('file', body.file as unknown as Blob, 'Client Flow 128bpm Am.wav');
          return form;
        },
      }),
    );
    expect(fileEntry).toMatchObject({ duration: 2000, mime: 'audio/wav', size: bytes.length });

    const { metadata } = unwrap(
      await client.POST('/api/v1/tracks/{file_entry_id}/extract-metadata', {
        params: { path: { file_entry_id: fileEntry.id } },
      }),
    );
    expect(metadata).toMatchObject({ name: 'Client Flow', bpm: 128, key: 'A', scale: 'minor' });

    const { track } = unwrap(
      await client.POST('/api/v1/tracks', {
        body: {
          file_entry_id: fileEntry.id,
          name: `${metadata.name} ${Date.now()}`,
          image: 'https://open.beatpass.ca/storage/covers/client-flow.jpg',
          artists: ['CURRENT_USER'],
          genres: ['lo-fi'],
          bpm: metadata.bpm!,
          key: metadata.key!,
          scale: metadata.scale!,
          licensing_type: 'non_exclusive_only',
          price: 19.99,
        },
      }),
    );
    expect(track).toMatchObject({ duration: 2000, bpm: 128, price: 19.99 });

    const shown = unwrap(await client.GET('/api/v1/tracks/{track_id}', { params: { path: { track_id: track.id } } }));
    expect(shown.track.id).toBe(track.id);

    const range = await client.GET('/api/v1/tracks/{track_id}/download', {
      params: { path: { track_id: track.id }, header: { Range: 'bytes=0-43' } },
      parseAs: 'arrayBuffer',
    });
    expect(range.response.status).toBe(206);
    expect(Buffer.compare(Buffer.from(range.data as ArrayBuffer), bytes.subarray(0, 44))).toBe(0);
  });
});
