import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { presets } = unwrap(await api.GET('/api/v1/exclusive-license-presets'));
for (const preset of presets) {
  const split = preset.config.publishing_share;
  console.log(preset.is_default ? '★' : ' ', preset.name, `${split.producer}/${split.licensee}`, `used by ${preset.tracks_count} tracks`);
}
