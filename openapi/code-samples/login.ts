import { createBeatPassClient, unwrap } from '../../client/index.js';

// Session mode keeps the cookies and sends X-XSRF-TOKEN for you (`web.session.login` does the same).
const web = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'session' } });

const result = unwrap(await web.POST('/login', { body: { email: 'listener@beatpass.test', password: 'correct-horse-battery' } }));
if (result.two_factor) {
  console.log('Send the TOTP code to /two-factor-challenge');
} else {
  console.log(`Signed in as ${result.user.display_name}`);
}
