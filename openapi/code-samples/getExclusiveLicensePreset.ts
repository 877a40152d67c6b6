import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { preset } = unwrap(await api.GET('/api/v1/exclusive-license-presets/{preset_id}', { params: { path: { preset_id: 900000001 } } }));
console.log(preset.name, preset.config.producer_royalty_percentage, preset.config.files_to_deliver);
