import { createBeatPassClient, paginate } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

for await (const artist of paginate(api, '/api/v1/users/{user_id}/liked-artists', { params: { path: { user_id: 'me' } } })) {
  console.log(artist.id, artist.name);
}
