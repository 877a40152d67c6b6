import { writeFile } from 'node:fs/promises';
import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  // An HTML page made for printing; the track's owner adds query: { license: '<uuid>' }.
  const html = unwrap(await api.GET('/api/v1/tracks/{track_id}/license-certificate', {
    params: { path: { track_id: 900000001 } },
    parseAs: 'text',
  }));
  await writeFile('license-certificate.html', html);
} catch (error) {
  if (error instanceof BeatPassError && error.status === 410) console.log('This license was revoked');
  else throw error;
}
