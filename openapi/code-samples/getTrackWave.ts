import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

// 512 peaks between 0 and 1; empty for a track without uploaded audio.
const { waveData } = unwrap(await api.GET('/api/v1/tracks/{track_id}/wave', { params: { path: { track_id: 900000001 } } }));
const bars = waveData.map((peak) => Math.max(1, Math.round(peak * 48))); // bar heights in px
console.log(bars.length);
