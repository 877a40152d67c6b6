import { createBeatPassClient, unwrap } from '../../client/index.js';

// With a token, each achievement carries its progress and the body carries the artist's XP.
const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

const result = unwrap(await api.GET('/api/v1/artists/{artist_id}/producer-achievements', { params: { path: { artist_id: 900000001 } } }));
if ('xp' in result) console.log(`level ${result.xp.level} (${result.xp.title}), ${result.xp.total} XP`);
for (const achievement of result.achievements) {
  console.log(achievement.unlocked ? '✓' : ' ', achievement.name, 'progress' in achievement ? `${achievement.progress}%` : '');
}
