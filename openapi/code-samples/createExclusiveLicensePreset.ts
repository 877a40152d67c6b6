import { BeatPassError, createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

try {
  // Keys left out of `config` take the platform's values.
  const { preset, message } = unwrap(
    await api.POST('/api/v1/exclusive-license-presets', {
      body: {
        name: 'Standard Exclusive',
        description: '30/70 publishing, 5% royalty, stems included.',
        is_default: true,
        config: { publishing_share: { producer: 30, licensee: 70 }, producer_royalty_percentage: 5, files_to_deliver: ['wav', 'wav_tagged', 'mp3_320', 'stems'] },
      },
    }),
  );
  console.log(message, preset.id);
} catch (error) {
  // 422 with field errors, e.g. on config.publishing_share when the shares do not add up to 100.
  if (error instanceof BeatPassError && error.status === 422) console.log(error.fieldErrors['config.publishing_share'] ?? error.message);
  else throw error;
}
