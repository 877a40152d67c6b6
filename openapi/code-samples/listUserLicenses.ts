import { createBeatPassClient, paginate } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

for await (const license of paginate(api, '/api/v1/user/licenses', { params: { query: { per_page: 50 } } })) {
  console.log(license.uuid, license.track_name, license.license_type, license.status);
}
