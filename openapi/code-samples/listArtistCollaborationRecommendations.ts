import { createBeatPassClient, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { artist_genres, recommendations } = unwrap(await api.GET('/api/v1/artists/{artist_id}/collaboration-recommendations', {
  params: { path: { artist_id: 900000001 }, query: { limit: 5 } },
}));
console.log('genres:', artist_genres.join(', '));
for (const r of recommendations) console.log(r.name, r.similarity_score, r.common_genres.join(', '));
