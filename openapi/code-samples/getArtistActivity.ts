import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// Every download event of the last 30 days, 50 at a time.
for (let page = 1; ; page++) {
  const activity = unwrap(await api.GET('/api/v1/artists/{artist_id}/activity', {
    params: { path: { artist_id: 900000001 }, query: { period: '30d', page, per_page: 50 } },
  }));
  if (page === 1) console.log(`${activity.summary.audiencePlays} plays, ${activity.summary.audienceDownloads} downloads`);
  for (const event of activity.downloadEvents) console.log(event.occurredAt, event.track.name, event.downloader?.displayName ?? 'deleted account');
  if (!activity.pagination.hasMore) break;
}
