import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { tokens } = unwrap(await api.GET('/api/v1/developer-tokens'));
for (const token of tokens) console.log(token.id, token.name, token.last_used_at ?? 'never used', token.expires_at);
