import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { token, plain_text_token } = unwrap(await api.POST('/api/v1/developer-tokens', { body: { name: 'Analytics script' } }));
// The plain-text token is shown only once: store it now.
console.log(token.id, token.expires_at, plain_text_token);
