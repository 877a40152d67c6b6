import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { roles } = unwrap(await api.GET('/api/v1/credits/roles'));
for (const role of roles) console.log(`${role.name}: ${role.description}`);
