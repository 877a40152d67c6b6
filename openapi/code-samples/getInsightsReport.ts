import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Kept for older clients; new code should use the producer analytics.
const { report } = unwrap(await api.GET('/api/v1/insights-report', {
  params: { query: { model: 'track:900000001', startDate: '2026-11-01', endDate: '2026-11-25', timezone: 'America/Toronto', metrics: 'plays,devices' } },
}));
const [current] = report.plays?.datasets ?? [];
for (const point of current?.data ?? []) console.log(point.date, point.value);
for (const slice of report.devices?.datasets[0]?.data ?? []) console.log(slice.label, slice.value);
