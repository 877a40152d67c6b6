import { createBeatPassClient } from '../../client/index.js';

// The session client fetches the XSRF cookie by itself before its first unsafe request;
// call this to refresh it.
const web = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'session' } });

const { response } = await web.GET('/sanctum/csrf-cookie');
console.log(response.status, web.session.cookie('XSRF-TOKEN') !== undefined); // 204 true
