import { openAsBlob } from 'node:fs';
import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Step 1 of publishing. In a browser, use the File from an <input type="file"> instead.
const wav = await openAsBlob('Night Ride 140bpm F#m.wav', { type: 'audio/wav' });
const { fileEntry } = unwrap(await api.POST('/api/v1/uploads', {
  // The generated types call binary fields strings; the serializer sends the real Blob.
  body: { file: wav as unknown as string },
  bodySerializer(body) {
    const form = new FormData();
    form.append('file', body.file as unknown as Blob, 'Night Ride 140bpm F#m.wav');
    return form;
  },
}));
console.log(fileEntry.id, fileEntry.duration_text, `${fileEntry.sample_rate} Hz`); // next: extract-metadata
