import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { config, is_platform_default } = unwrap(await api.GET('/api/v1/artist/exclusive-license-default'));
console.log(is_platform_default ? 'Platform terms' : 'Own terms', config.publishing_share);
