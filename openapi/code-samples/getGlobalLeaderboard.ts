import { createBeatPassClient, unwrap } from '../../client/index.js';

// With a token, `is_current_user` marks the artists you manage.
const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { producers } = unwrap(await api.GET('/api/v1/leaderboards/global'));
for (const entry of producers) console.log(`#${entry.rank} ${entry.name} — ${entry.score} XP (${entry.tier})${entry.is_current_user ? ' ← you' : ''}`);
