import { writeFile } from 'node:fs/promises';
import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  const wav = unwrap(await api.GET('/api/v1/tracks/{track_id}/download', {
    params: { path: { track_id: 900000001 } },
    parseAs: 'arrayBuffer',
  }));
  await writeFile('midnight-drive.wav', new Uint8Array(wav));
  // A byte range: params.header.Range = 'bytes=0-1023' answers 206 with just those bytes.
} catch (error) {
  if (error instanceof BeatPassError && error.status === 403) console.log('Downloads need a Classic, Plus or Pro plan');
  else throw error;
}
