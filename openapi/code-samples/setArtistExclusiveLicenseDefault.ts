import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// New tracks of the caller's artist start with these terms; `config: null` goes back to the platform's.
const saved = unwrap(
  await api.POST('/api/v1/artist/exclusive-license-default', {
    body: { config: { publishing_share: { producer: 30, licensee: 70 }, producer_royalty_percentage: 5 } },
  }),
);
console.log(saved.message, saved.config.producer_royalty_percentage);
