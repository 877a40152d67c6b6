import { createBeatPassClient, unwrap } from '../../client/index.js';

const web = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'session' } });

const first = await web.session.login({ email: 'twofactor@beatpass.test', password: 'correct-horse-battery' });
if (first.two_factor) {
  const { user } = unwrap(await web.POST('/two-factor-challenge', { body: { code: '123456' } }));
  console.log(`Signed in as ${user.display_name}`);
}
