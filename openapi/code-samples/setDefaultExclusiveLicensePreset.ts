import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { preset } = unwrap(
  await api.POST('/api/v1/exclusive-license-presets/{preset_id}/set-default', { params: { path: { preset_id: 900000002 } } }),
);
console.log(`${preset.name} is now the default`);
