import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { credit } = unwrap(await api.PUT('/api/v1/artists/{artist_id}/credits/{credit_id}', {
  params: { path: { artist_id: 900000001, credit_id: 900000001 } },
  body: { role: 'Co-Producer' },
}));
console.log(credit.title, credit.role);
