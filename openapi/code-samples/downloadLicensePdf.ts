import { writeFile } from 'node:fs/promises';
import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Accept: application/pdf gets the certificate as a PDF file.
const pdf = unwrap(await api.GET('/api/v1/tracks/{track_id}/download-license-pdf', {
  params: { path: { track_id: 900000001 } },
  headers: { Accept: 'application/pdf' },
  parseAs: 'arrayBuffer',
}));
await writeFile('license-certificate.pdf', new Uint8Array(pdf));

// Without it, the certificate's data as JSON, to render it yourself. (The answer is typed as
// either media type the route declares; the JSON one is an object.)
const data = unwrap(await api.GET('/api/v1/tracks/{track_id}/download-license-pdf', { params: { path: { track_id: 900000001 } } }));
if (typeof data === 'object') console.log(data.license.uuid, data.license.licensee_name, data.trackChangedToExclusive);
