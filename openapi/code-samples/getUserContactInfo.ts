import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const { contact } = unwrap(await api.GET('/api/v1/users/{user_id}/contact-info', { params: { path: { user_id: '900000002' } } }));
console.log(contact.display_name, contact.artist?.website ?? '', contact.business_email ?? 'no business email');
