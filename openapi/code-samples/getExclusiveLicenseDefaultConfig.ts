import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// The platform's terms: a starting point for a new preset's form.
const { config } = unwrap(await api.GET('/api/v1/exclusive-license-presets/default-config'));
console.log(config.territory, config.publishing_share, config.files_to_deliver);
