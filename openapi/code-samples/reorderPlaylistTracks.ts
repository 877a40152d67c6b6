import { createBeatPassClient, paginate, unwrap } from '../../client/index.js';

const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca', auth: { mode: 'token', token: process.env.BEATPASS_TOKEN ?? '' } });

// `ids` must list every track of the playlist once, in the new order: here the last moves to the top.
const ids: number[] = [];
for await (const track of paginate(api, '/api/v1/playlists/{playlist_id}/tracks', { params: { path: { playlist_id: 900000001 } } })) {
  ids.push(track.id);
}
const last = ids.pop();
if (last !== undefined) {
  unwrap(await api.POST('/api/v1/playlists/{playlist_id}/tracks/order', {
    params: { path: { playlist_id: 900000001 } },
    body: { ids: [last, ...ids] },
  }));
}
