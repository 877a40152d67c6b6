import { createBeatPassClient, unwrap } from '../../client/index.js';

const web = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'session' } });
await web.session.login({ email: 'listener@beatpass.test', password: 'correct-horse-battery' });

unwrap(await web.POST('/logout')); // 204; or `await web.session.logout()`, which also forgets the cookies
