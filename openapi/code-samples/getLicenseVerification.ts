import { createBeatPassClient, unwrap } from '../../client/index.js';

// Deprecated: POST /api/v1/verify-license/{uuid} answers the same.
const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const check = unwrap(await api.GET('/api/v1/verify-license/{uuid}', { params: { path: { uuid: '00000000-0000-4000-8000-0000a3a9e1ed' } } }));
console.log(check.valid, check.status, check.integrity_verified);
