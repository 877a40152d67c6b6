import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// A config sent replaces the stored terms: send every key you want to keep.
const { preset } = unwrap(
  await api.PUT('/api/v1/exclusive-license-presets/{preset_id}', {
    params: { path: { preset_id: 900000001 } },
    body: { name: 'Standard Exclusive', config: { publishing_share: { producer: 30, licensee: 70 }, producer_royalty_percentage: 5 } },
  }),
);
console.log(preset.updated_at, preset.config.publishing_share);
