import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { removed_count } = unwrap(
  await api.POST('/api/v1/users/me/remove-from-library', { body: { likeables: [{ likeable_id: 900000001, likeable_type: 'track' }] } }),
);
console.log(`${removed_count} removed`);
