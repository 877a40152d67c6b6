import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

// Up to 50 tracks per call, for lists that draw a waveform per row.
const rows = [900000001, 900000002];
const { waves } = unwrap(await api.POST('/api/v1/tracks/wave-batch', { body: { track_ids: rows } }));
for (const id of rows) console.log(id, waves[String(id)]?.length ?? 'no such track');
