import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Step 2 of publishing: prefill the form from the upload (bpm, key and scale come from the file name).
const { metadata } = unwrap(await api.POST('/api/v1/tracks/{file_entry_id}/extract-metadata', {
  params: { path: { file_entry_id: 900000001 } },
}));
console.log(metadata.name, metadata.bpm ?? 'bpm?', metadata.key ?? 'key?', metadata.scale ?? 'scale?', metadata.duration_text);
