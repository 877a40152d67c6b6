import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent, type CallInput } from '../../support/http.js';

const t = useTestServer({ signIn: ['listener', 'producer', 'developer'] });
const ids: Record<string, number> = {};

beforeAll(async () => {
  for (const row of await t.server.rows<{ id: number; email: string }>(sql`select id, email from users`)) ids[row.email.split('@')[0]!] = row.id;
});

const PUBLIC_KEYS = ['collaborative', 'created_at', 'description', 'id', 'image', 'model_type', 'name', 'public'];
const TRACK_PUBLIC_KEYS = ['created_at', 'duration_text', 'id', 'image', 'model_type', 'name'];

async function playlistId(name: string): Promise<number> {
  const [row] = await t.server.rows<{ id: number }>(sql`select id from playlists where name = ${name} order by id limit 1`);
  return row!.id;
}
async function playlistRow(id: number) {
  const [row] = await t.server.rows<Record<string, unknown>>(sql`select * from playlists where id = ${id}`);
  return row;
}
async function trackOrder(id: number): Promise<number[]> {
  const rows = await t.server.rows<{ track_id: number }>(sql`select track_id from playlist_tracks where playlist_id = ${id} order by position`);
  return rows.map((r) => r.track_id);
}
async function positions(id: number): Promise<number[]> {
  const rows = await t.server.rows<{ position: number }>(sql`select position from playlist_tracks where playlist_id = ${id} order by position`);
  return rows.map((r) => r.position);
}
async function trackIdsNotIn(id: number, n: number): Promise<number[]> {
  const rows = await t.server.rows<{ id: number }>(sql`
    select id from tracks where id not in (select track_id from playlist_tracks where playlist_id = ${id}) order by id limit ${n}`);
  return rows.map((r) => r.id);
}
let counter = 0;
/** A fresh playlist for `agent`, so tests do not depend on each other. */
async function makePlaylist(agent: Agent, fields: CallInput<'createPlaylist'>['body'] = {}): Promise<number> {
  const reply = await agent.call('createPlaylist', { body: { name: `Test playlist ${++counter}`, ...fields } });
  expectStatus(reply, 200);
  return reply.body.playlist.id;
}
async function addTracks(agent: Agent, id: number, trackIds: number[]) {
  return agent.call('addPlaylistTracks', { path: { playlist_id: id }, body: { ids: trackIds } });
}

describe('GET /api/v1/playlists', () => {
  it('lists only public playlists, minimal, to anonymous callers', async () => {
    const reply = await t.as.anonymous.call('listPlaylists', { query: { per_page: 100 } });
    expectStatus(reply, 200);
    expect(reply.body.status).toBe('success');
    const names = reply.body.pagination.data.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['Late Night Trap', 'Lo-Fi Study Session', 'Demo Producer Catalog']));
    expect(names).not.toContain('Reference Ideas');
    expect(names).not.toContain('Unreleased Drafts');
    for (const p of reply.body.pagination.data) expect(Object.keys(p).sort()).toEqual(PUBLIC_KEYS);
  });

  it("adds the caller's own and edited private playlists, rich, for signed-in callers", async () => {
    const mine = await t.as.listener.call('listPlaylists', { query: { per_page: 100 } });
    expectStatus(mine, 200);
    const names = mine.body.pagination.data.map((p) => p.name);
    expect(names).toContain('Reference Ideas');
    expect(names).not.toContain('Unreleased Drafts');
    const lateNight = mine.body.pagination.data.find((p) => p.name === 'Late Night Trap');
    expect(lateNight).toMatchObject({
      role: 'owner',
      collaborative: true,
      public: true,
      tracks_count: 18,
      is_following: false,
      owner: { id: ids.listener, model_type: 'user' },
      editors: [{ id: ids.producer }],
    });
    // The list's playlists are public or rich: read the owner of the rich one.
    const owner = lateNight && 'owner' in lateNight ? lateNight.owner : undefined;
    expect(owner!.email).toBeUndefined();

    const theirs = await t.as.developer.call('listPlaylists', { query: { per_page: 100 } });
    expectStatus(theirs, 200);
    const developerNames = theirs.body.pagination.data.map((p) => p.name);
    expect(developerNames).not.toContain('Reference Ideas');
    expect(theirs.body.pagination.data.find((p) => p.name === 'Late Night Trap')).toMatchObject({ role: null, is_following: true });
  });
});

describe('POST /api/v1/playlists', () => {
  it('creates a private, non-collaborative playlist by default and trims the name', async () => {
    const reply = await t.as.developer.call('createPlaylist', { body: { name: '  Road trip  ' } });
    expectStatus(reply, 200);
    expect(reply.body).toEqual({
      status: 'success',
      playlist: expect.objectContaining({
        name: 'Road trip',
        description: null,
        image: null,
        public: false,
        collaborative: false,
        role: 'owner',
        tracks_count: 0,
        followers_count: 0,
        editors: [],
        owner: expect.objectContaining({ id: ids.developer }),
      }),
    });
    const row = await playlistRow(reply.body.playlist.id);
    expect(row).toMatchObject({ owner_id: ids.developer, name: 'Road trip', public: false, collaborative: false });
  });

  it('stores every field', async () => {
    const json = {
      name: 'Summer Afrobeats',
      description: 'Bright afrobeats and amapiano grooves for the summer.',
      image: 'https://example.com/cover.jpg',
      public: true,
      collaborative: true,
    };
    const reply = await t.as.developer.call('createPlaylist', { body: json });
    expectStatus(reply, 200);
    expect(reply.body.playlist).toMatchObject(json);
  });

  it('rejects a name used by the same owner, ignoring case, with 422; other owners may use it', async () => {
    const before = await t.server.rows(sql`select count(*)::int as n from playlists`);
    const reply = await t.as.listener.call('createPlaylist', { body: { name: 'late night TRAP' } });
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({
      message: 'You already have a playlist with this name.',
      errors: { name: ['You already have a playlist with this name.'] },
    });
    expect(await t.server.rows(sql`select count(*)::int as n from playlists`)).toEqual(before);
    const other = await t.as.developer.call('createPlaylist', { body: { name: 'Late Night Trap' } });
    expect(other.status).toBe(200);
  });

  it('validates name, description, image and the booleans with 422', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'ab' }, 'name'],
      [{ name: '   ab   ' }, 'name'],
      [{ name: 'x'.repeat(251) }, 'name'],
      [{ name: 'Valid name', description: 'too short' }, 'description'],
      [{ name: 'Valid name', description: 'x'.repeat(171) }, 'description'],
      [{ name: 'Valid name', image: 'not a url' }, 'image'],
      [{ name: 'Valid name', public: null }, 'public'],
      [{ name: 'Valid name', collaborative: 'true' }, 'collaborative'],
      [{}, 'name'],
    ];
    for (const [json, field] of cases) {
      const reply = await t.as.developer.callUnchecked('createPlaylist', { body: json });
      expect(reply.status, JSON.stringify(json)).toBe(422);
      expectStatus(reply, 422);
      expect(Object.keys(reply.body.errors)).toEqual([field]);
    }
  });

  it('needs sign-in (401) and, with a session, the XSRF header (419)', async () => {
    const anon = await t.as.anonymous.call('createPlaylist', { body: { name: 'Nope' } });
    expect(anon.status).toBe(401);
    expect(anon.body).toEqual({ message: 'Unauthenticated.' });
    const noHeader = await t.as.developer.call('createPlaylist', { body: { name: 'No header' }, xsrf: false });
    expect(noHeader.status).toBe(419);
    expect(await t.server.rows(sql`select id from playlists where name in ('Nope', 'No header')`)).toEqual([]);
  });

  it('refuses a 101st playlist with 429 playlist_limit_reached and creates nothing', async () => {
    await t.server.rows(sql`insert into playlists (owner_id, name) select ${ids.producer}, 'Filler ' || g from generate_series(1, 98) g`);
    try {
      // The producer now owns 100 (2 seeded + 98).
      const reply = await t.as.producer.call('createPlaylist', { body: { name: 'One too many' } });
      expect(reply.status).toBe(429);
      expect(reply.body).toEqual({
        message: 'Playlist limit reached. You can have at most 100 playlists.',
        error_code: 'playlist_limit_reached',
      });
      expect(await t.server.rows(sql`select id from playlists where name = 'One too many'`)).toEqual([]);
    } finally {
      await t.server.rows(sql`delete from playlists where owner_id = ${ids.producer} and name like 'Filler %'`);
    }
  });

  it('lets only one of two simultaneous creates take the 100th slot', async () => {
    await t.server.rows(sql`insert into playlists (owner_id, name) select ${ids.producer}, 'Filler ' || g from generate_series(1, 97) g`);
    try {
      const replies = await Promise.all(['Race A', 'Race B'].map((name) => t.as.producer.call('createPlaylist', { body: { name } })));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 429]);
      const [{ n }] = (await t.server.rows<{ n: number }>(sql`select count(*)::int as n from playlists where owner_id = ${ids.producer}`)) as [{ n: number }];
      expect(n).toBe(100);
    } finally {
      await t.server.rows(sql`delete from playlists where owner_id = ${ids.producer} and (name like 'Filler %' or name like 'Race %')`);
    }
  });
});

describe('GET /api/v1/playlists/{playlist_id}', () => {
  it('shows a public playlist to anonymous callers with minimal tracks and the total duration', async () => {
    const id = await playlistId('Late Night Trap');
    const reply = await t.as.anonymous.call('getPlaylist', { path: { playlist_id: id } });
    expectStatus(reply, 200);
    expect(Object.keys(reply.body.playlist).sort()).toEqual(PUBLIC_KEYS);
    expect(reply.body.loader).toBe('playlistPage');
    expect(reply.body.tracks).toMatchObject({ total: 18, per_page: 30, current_page: 1 });
    expect(reply.body.tracks.path).toBe(`${t.server.baseUrl}/api/v1/playlists/${id}/tracks`);
    for (const track of reply.body.tracks.data) expect(Object.keys(track).sort()).toEqual(TRACK_PUBLIC_KEYS);
    expect(reply.body.tracks.data.map((track) => track.id)).toEqual(await trackOrder(id));
    const [{ ms }] = (await t.server.rows<{ ms: number }>(sql`
      select sum(t.duration_ms)::int as ms from playlist_tracks pt join tracks t on t.id = pt.track_id where pt.playlist_id = ${id}`)) as [{ ms: number }];
    expect(reply.body.totalDuration).toBe(ms);
  });

  it('shows rich data to signed-in callers', async () => {
    const id = await playlistId('Late Night Trap');
    const reply = await t.as.producer.call('getPlaylist', { path: { playlist_id: id } });
    expectStatus(reply, 200);
    expect(reply.body.playlist).toMatchObject({ role: 'editor', tracks_count: 18 });
    expect(reply.body.tracks.data[0]).toMatchObject({ bpm: expect.any(Number), artists: expect.any(Array) });
  });

  it('hides a private playlist from everyone but its owner and editors (404)', async () => {
    const id = await playlistId('Reference Ideas');
    for (const agent of [t.as.anonymous, t.as.producer, t.as.developer]) {
      const reply = await agent.call('getPlaylist', { path: { playlist_id: id } });
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ message: 'Playlist not found.' });
      expect((await agent.call('listPlaylistTracks', { path: { playlist_id: id } })).status).toBe(404);
    }
    expect((await t.as.listener.call('getPlaylist', { path: { playlist_id: id } })).status).toBe(200);
  });

  it('answers an empty playlist with totalDuration null, and an unknown ID with 404', async () => {
    const id = await makePlaylist(t.as.developer);
    const reply = await t.as.developer.call('getPlaylist', { path: { playlist_id: id } });
    expect(reply.body).toMatchObject({ totalDuration: null, tracks: { total: 0, data: [] } });
    expect((await t.as.anonymous.call('getPlaylist', { path: { playlist_id: 2147483647 } })).status).toBe(404);
  });
});

describe('PUT /api/v1/playlists/{playlist_id}', () => {
  it('lets the owner change fields; omitted ones keep their value and null clears description', async () => {
    const id = await makePlaylist(t.as.developer, { description: 'A description that is long enough.', public: true, collaborative: true });
    const renamed = await t.as.developer.call('updatePlaylist', { path: { playlist_id: id }, body: { name: 'Renamed playlist', public: false } });
    expectStatus(renamed, 200);
    expect(renamed.body.playlist).toMatchObject({
      name: 'Renamed playlist',
      public: false,
      collaborative: true,
      description: 'A description that is long enough.',
    });
    const cleared = await t.as.developer.call('updatePlaylist', { path: { playlist_id: id }, body: { name: 'Renamed playlist', description: null } });
    expectStatus(cleared, 200);
    expect(cleared.body.playlist.description).toBeNull();
    expect(await playlistRow(id)).toMatchObject({ name: 'Renamed playlist', public: false, description: null });
  });

  it('rejects null booleans, a duplicate name and a missing name with 422, changing nothing', async () => {
    const id = await makePlaylist(t.as.developer);
    const other = await makePlaylist(t.as.developer);
    const before = await playlistRow(id);
    const otherName = (await playlistRow(other))!.name as string;
    for (const [json, field] of [
      [{ name: 'Fine name', public: null }, 'public'],
      [{ name: 'Fine name', collaborative: null }, 'collaborative'],
      [{ name: otherName.toUpperCase() }, 'name'],
      [{ public: true }, 'name'],
    ] as const) {
      const reply = await t.as.developer.callUnchecked('updatePlaylist', { path: { playlist_id: id }, body: json });
      expectStatus(reply, 422);
      expect(Object.keys(reply.body.errors)).toEqual([field]);
    }
    expect(await playlistRow(id)).toEqual(before);
  });

  it("keeps the owner's own name when only the case changes", async () => {
    const id = await makePlaylist(t.as.developer, { name: 'case change' });
    const reply = await t.as.developer.call('updatePlaylist', { path: { playlist_id: id }, body: { name: 'Case Change' } });
    expectStatus(reply, 200);
    expect(reply.body.playlist.name).toBe('Case Change');
  });

  it('refuses editors and other users (403) and hides private playlists (404), changing nothing', async () => {
    const lateNight = await playlistId('Late Night Trap');
    const before = await playlistRow(lateNight);
    for (const agent of [t.as.producer, t.as.developer]) {
      const reply = await agent.call('updatePlaylist', { path: { playlist_id: lateNight }, body: { name: 'Hijacked' } });
      expect(reply.status).toBe(403);
      expect(reply.body).toEqual({ message: 'Only the owner of this playlist can do this.' });
    }
    const hidden = await playlistId('Reference Ideas');
    const reply = await t.as.developer.call('updatePlaylist', { path: { playlist_id: hidden }, body: { name: 'Hijacked' } });
    expect(reply.status).toBe(404);
    expect(await playlistRow(lateNight)).toEqual(before);
    expect((await playlistRow(hidden))!.name).toBe('Reference Ideas');
  });
});

describe('DELETE /api/v1/playlists/{playlist_id}', () => {
  it("deletes several of the caller's playlists with their tracks and followers", async () => {
    const a = await makePlaylist(t.as.developer, { public: true });
    const b = await makePlaylist(t.as.developer);
    const [track] = await trackIdsNotIn(a, 1);
    await addTracks(t.as.developer, a, [track!]);
    expect((await t.as.listener.call('followPlaylist', { path: { playlist_id: a } })).status).toBe(200);
    const reply = await t.as.developer.call('deletePlaylists', { path: { playlist_id: `${a},${b}` } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'success' });
    expect(await t.server.rows(sql`select id from playlists where id in (${a}, ${b})`)).toEqual([]);
    expect(await t.server.rows(sql`select * from playlist_tracks where playlist_id = ${a}`)).toEqual([]);
    expect(await t.server.rows(sql`select * from playlist_followers where playlist_id = ${a}`)).toEqual([]);
  });

  it("deletes nothing when one ID is unknown (404) or someone else's (403) or hidden (404)", async () => {
    const mine = await makePlaylist(t.as.developer);
    const unknown = await t.as.developer.call('deletePlaylists', { path: { playlist_id: `${mine},2147483` } });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ message: 'Playlist not found.' });
    const lateNight = await playlistId('Late Night Trap');
    const theirs = await t.as.developer.call('deletePlaylists', { path: { playlist_id: `${mine},${lateNight}` } });
    expect(theirs.status).toBe(403);
    expect(theirs.body).toEqual({ message: 'Only the owner of a playlist can delete it.' });
    const hidden = await t.as.developer.call('deletePlaylists', { path: { playlist_id: `${mine},${await playlistId('Reference Ideas')}` } });
    expect(hidden.status).toBe(404);
    // An editor cannot delete either.
    expect((await t.as.producer.call('deletePlaylists', { path: { playlist_id: `${lateNight}` } })).status).toBe(403);
    const left = await t.server.rows(sql`select id from playlists where id in (${mine}, ${lateNight}, ${await playlistId('Reference Ideas')})`);
    expect(left).toHaveLength(3);
  });

  it('needs sign-in (401) and a well-formed ID list (422)', async () => {
    expect((await t.as.anonymous.call('deletePlaylists', { path: { playlist_id: '1' } })).status).toBe(401);
    expect((await t.as.developer.callUnchecked('deletePlaylists', { path: { playlist_id: '1,,2' } })).status).toBe(422);
  });
});

describe('playlist tracks', () => {
  beforeAll(async () => {
    // The demo catalog has fewer than 500 tracks; the limit tests need more.
    await t.server.rows(sql`insert into tracks (name, duration_ms, bpm, key, scale, licensing_type)
      select 'Filler track ' || g, 120000, 120, 'C', 'minor', 'non_exclusive_only' from generate_series(1, 300) g`);
  });

  it('lists tracks in playlist order with perPage or per_page (default 30, at most 100)', async () => {
    const id = await playlistId('Late Night Trap');
    const order = await trackOrder(id);
    const first = await t.as.anonymous.call('listPlaylistTracks', { path: { playlist_id: id }, query: { perPage: 5 } });
    expectStatus(first, 200);
    expect(first.body.pagination).toMatchObject({ per_page: 5, total: 18, last_page: 4 });
    expect(first.body.pagination.data.map((track) => track.id)).toEqual(order.slice(0, 5));
    const second = await t.as.listener.call('listPlaylistTracks', { path: { playlist_id: id }, query: { per_page: 5, page: 2 } });
    expectStatus(second, 200);
    expect(second.body.pagination.data.map((track) => track.id)).toEqual(order.slice(5, 10));
    const firstTrack = second.body.pagination.data[0]!;
    expect('bpm' in firstTrack ? firstTrack.bpm : undefined).toEqual(expect.any(Number));
    const byDefault = await t.as.anonymous.call('listPlaylistTracks', { path: { playlist_id: id } });
    expectStatus(byDefault, 200);
    expect(byDefault.body.pagination.per_page).toBe(30);
    expect((await t.as.anonymous.call('listPlaylistTracks', { path: { playlist_id: id }, query: { per_page: 101 } })).status).toBe(422);
  });

  it('appends new tracks in order, skips duplicates and counts them', async () => {
    const id = await makePlaylist(t.as.developer);
    const [a, b, c] = await trackIdsNotIn(id, 3);
    const first = await addTracks(t.as.developer, id, [a!, b!]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'success', added_count: 2, duplicate_count: 0, playlist: { id, tracks_count: 2 } });
    const second = await addTracks(t.as.developer, id, [b!, c!, c!]);
    expect(second.body).toMatchObject({ added_count: 1, duplicate_count: 2, playlist: { tracks_count: 3 } });
    expect(await trackOrder(id)).toEqual([a, b, c]);
    expect(await positions(id)).toEqual([0, 1, 2]);
  });

  it('rejects IDs that are not tracks with 422 naming them, adding nothing', async () => {
    const id = await makePlaylist(t.as.developer);
    const [a] = await trackIdsNotIn(id, 1);
    const reply = await addTracks(t.as.developer, id, [a!, 2147483647]);
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({ message: 'The selected ids.1 is invalid.', errors: { 'ids.1': ['The selected ids.1 is invalid.'] } });
    expect(await trackOrder(id)).toEqual([]);
    const empty = await addTracks(t.as.developer, id, []);
    expect(empty.status).toBe(422);
  });

  it('lets accepted editors of a collaborative playlist change tracks, and nobody else', async () => {
    const id = await playlistId('Late Night Trap');
    const before = await trackOrder(id);
    const [extra] = await trackIdsNotIn(id, 1);
    const denied = await addTracks(t.as.developer, id, [extra!]);
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ message: 'You cannot change the tracks of this playlist.' });
    const changes: ['removePlaylistTracks' | 'reorderPlaylistTracks', number[]][] = [
      ['removePlaylistTracks', [before[0]!]],
      ['reorderPlaylistTracks', [...before].reverse()],
    ];
    for (const [operationId, trackIds] of changes) {
      const reply = await t.as.developer.call(operationId, { path: { playlist_id: id }, body: { ids: trackIds } });
      expect(reply.status).toBe(403);
    }
    expect(await trackOrder(id)).toEqual(before);

    const byEditor = await addTracks(t.as.producer, id, [extra!]);
    expect(byEditor.status).toBe(200);
    const [row] = await t.server.rows(sql`select added_by from playlist_tracks where playlist_id = ${id} and track_id = ${extra!}`);
    expect(row).toEqual({ added_by: ids.producer });
    const removed = await t.as.producer.call('removePlaylistTracks', { path: { playlist_id: id }, body: { ids: [extra!] } });
    expectStatus(removed, 200);
    expect(removed.body.removed_count).toBe(1);
    expect(await trackOrder(id)).toEqual(before);
  });

  it('suspends editors while the playlist is not collaborative', async () => {
    const id = await makePlaylist(t.as.listener, { collaborative: true, public: true });
    await t.server.rows(sql`insert into playlist_editors (playlist_id, user_id) values (${id}, ${ids.developer})`);
    const [a, b] = await trackIdsNotIn(id, 2);
    expect((await addTracks(t.as.developer, id, [a!])).status).toBe(200);
    await t.as.listener.call('updatePlaylist', { path: { playlist_id: id }, body: { name: `Test playlist solo ${id}`, collaborative: false } });
    expect((await addTracks(t.as.developer, id, [b!])).status).toBe(403);
    expect(await trackOrder(id)).toEqual([a]);
  });

  it('hides private playlists from non-members on every track route (404)', async () => {
    const id = await playlistId('Reference Ideas');
    const before = await trackOrder(id);
    for (const operationId of ['addPlaylistTracks', 'removePlaylistTracks', 'reorderPlaylistTracks'] as const) {
      const reply = await t.as.developer.call(operationId, { path: { playlist_id: id }, body: { ids: [before[0]!] } });
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ message: 'Playlist not found.' });
    }
    expect(await trackOrder(id)).toEqual(before);
  });

  it('refuses to go over 500 tracks with 429 playlist_full, adding nothing', async () => {
    const id = await makePlaylist(t.as.developer);
    await t.server.rows(sql`insert into playlist_tracks (playlist_id, track_id, position)
      select ${id}, id, row_number() over (order by id) - 1 from (select id from tracks order by id limit 499) t`);
    const [a, b] = await trackIdsNotIn(id, 2);
    const reply = await addTracks(t.as.developer, id, [a!, b!]);
    expect(reply.status).toBe(429);
    expect(reply.body).toEqual({ message: 'Playlist full. A playlist can hold at most 500 tracks.', error_code: 'playlist_full' });
    expect(await trackOrder(id)).toHaveLength(499);
    expect((await addTracks(t.as.developer, id, [a!])).status).toBe(200);
    expect(await positions(id)).toHaveLength(500);
  });

  it('never exceeds 500 tracks or repeats a position under simultaneous adds', async () => {
    const id = await makePlaylist(t.as.developer);
    await t.server.rows(sql`insert into playlist_tracks (playlist_id, track_id, position)
      select ${id}, id, row_number() over (order by id) - 1 from (select id from tracks order by id limit 490) t`);
    const fresh = await trackIdsNotIn(id, 12);
    // Six adds of two tracks at once onto 490: five fit (500), the sixth must not.
    const replies = await Promise.all([0, 2, 4, 6, 8, 10].map((i) => addTracks(t.as.developer, id, fresh.slice(i, i + 2))));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 429]);
    const stored = await positions(id);
    expect(stored).toEqual(stored.map((_, i) => i));
    expect(stored).toHaveLength(500);
  });

  it('removes tracks and closes the gaps; tracks not in the playlist are not counted', async () => {
    const id = await makePlaylist(t.as.developer);
    const [a, b, c, d, outside] = await trackIdsNotIn(id, 5);
    await addTracks(t.as.developer, id, [a!, b!, c!, d!]);
    const reply = await t.as.developer.call('removePlaylistTracks', { path: { playlist_id: id }, body: { ids: [b!, d!, outside!] } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'success', removed_count: 2, playlist: { tracks_count: 2 } });
    expect(await trackOrder(id)).toEqual([a, c]);
    expect(await positions(id)).toEqual([0, 1]);
    const unknown = await t.as.developer.call('removePlaylistTracks', { path: { playlist_id: id }, body: { ids: [2147483647] } });
    expectStatus(unknown, 422);
    expect(unknown.body.errors).toEqual({ 'ids.0': ['The selected ids.0 is invalid.'] });
  });

  it("reorders with the full list of the playlist's tracks, and nothing else", async () => {
    const id = await makePlaylist(t.as.developer);
    const [a, b, c, outside] = (await trackIdsNotIn(id, 4)) as [number, number, number, number];
    await addTracks(t.as.developer, id, [a, b, c]);
    const reply = await t.as.developer.call('reorderPlaylistTracks', { path: { playlist_id: id }, body: { ids: [c, a, b] } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'success', playlist: { id } });
    expect(await trackOrder(id)).toEqual([c, a, b]);
    expect(await positions(id)).toEqual([0, 1, 2]);
    for (const bad of [
      [c, a],
      [c, a, b, outside],
      [c, a, a],
      [c, a, outside],
    ]) {
      const rejected = await t.as.developer.call('reorderPlaylistTracks', { path: { playlist_id: id }, body: { ids: bad } });
      expectStatus(rejected, 422);
      expect(rejected.body.errors).toEqual({ ids: ['The ids field must list every track of the playlist exactly once.'] });
    }
    expect(await trackOrder(id)).toEqual([c, a, b]);
  });
});

describe('following playlists', () => {
  it('follows once (409 the second time) and unfollows once (404 the second time)', async () => {
    const id = await playlistId('Lo-Fi Study Session');
    const follow = await t.as.developer.call('followPlaylist', { path: { playlist_id: id } });
    expect(follow.status).toBe(200);
    expect(follow.body).toEqual({ status: 'success' });
    const again = await t.as.developer.call('followPlaylist', { path: { playlist_id: id } });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ message: 'You are already following this playlist.' });
    const shown = await t.as.developer.call('getPlaylist', { path: { playlist_id: id } });
    expectStatus(shown, 200);
    expect(shown.body.playlist).toMatchObject({ is_following: true, followers_count: 2 });

    const unfollow = await t.as.developer.call('unfollowPlaylist', { path: { playlist_id: id } });
    expect(unfollow.status).toBe(200);
    const twice = await t.as.developer.call('unfollowPlaylist', { path: { playlist_id: id } });
    expect(twice.status).toBe(404);
    expect(twice.body).toEqual({ message: 'You are not following this playlist.' });
    expect(await t.server.rows(sql`select * from playlist_followers where playlist_id = ${id} and user_id = ${ids.developer}`)).toEqual([]);
  });

  it("does not let one user's unfollow touch another's follow", async () => {
    const id = await playlistId('Late Night Trap'); // the developer follows it in the seed
    const reply = await t.as.producer.call('unfollowPlaylist', { path: { playlist_id: id } });
    expect(reply.status).toBe(404);
    expect(await t.server.rows(sql`select user_id from playlist_followers where playlist_id = ${id}`)).toEqual([{ user_id: ids.developer }]);
  });

  it('hides private playlists (404) and needs sign-in (401)', async () => {
    const id = await playlistId('Reference Ideas');
    expect((await t.as.developer.call('followPlaylist', { path: { playlist_id: id } })).status).toBe(404);
    expect(await t.server.rows(sql`select * from playlist_followers where playlist_id = ${id}`)).toEqual([]);
    expect((await t.as.anonymous.call('followPlaylist', { path: { playlist_id: id } })).status).toBe(401);
  });
});

describe('collaboration', () => {
  async function invite(agent: Agent, id: number, userId: number) {
    return agent.call('invitePlaylistEditor', { path: { playlist_id: id }, body: { user_id: userId } });
  }
  async function invites(id: number) {
    return t.server.rows<{ user_id: number; status: string }>(sql`select user_id, status from playlist_invites where playlist_id = ${id} order by id`);
  }

  it('invites a user for 7 days; a pending invitation cannot be sent again (409)', async () => {
    const id = await makePlaylist(t.as.listener, { collaborative: true });
    const reply = await invite(t.as.listener, id, ids.developer!);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'success', message: 'Invitation sent.' });
    const [row] = await t.server.rows<{ status: string; days: number }>(sql`
      select status, extract(epoch from expires_at - created_at) / 86400 as days from playlist_invites where playlist_id = ${id}`);
    expect(row!.status).toBe('pending');
    expect(Number(row!.days)).toBeCloseTo(7, 5);
    const again = await invite(t.as.listener, id, ids.developer!);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ message: 'This user already has a pending invitation.' });
    expect(await invites(id)).toHaveLength(1);
  });

  it('lets the invitee accept (and become an editor) once; a second accept is 422', async () => {
    const id = await makePlaylist(t.as.listener, { collaborative: true });
    await invite(t.as.listener, id, ids.developer!);
    const accepted = await t.as.developer.call('acceptPlaylistInvite', { path: { playlist_id: id } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'success', playlist: { id, role: 'editor', editors: [{ id: ids.developer }] } });
    expect(await invites(id)).toEqual([{ user_id: ids.developer, status: 'accepted' }]);
    // A private playlist is now visible to its editor.
    expect((await t.as.developer.call('getPlaylist', { path: { playlist_id: id } })).status).toBe(200);
    const twice = await t.as.developer.call('acceptPlaylistInvite', { path: { playlist_id: id } });
    expect(twice.status).toBe(422);
    expect(twice.body).toEqual({
      message: 'This invitation has already been accepted.',
      errors: { invitation: ['This invitation has already been accepted.'] },
    });
    // An editor may not invite.
    const byEditor = await invite(t.as.developer, id, ids.producer!);
    expect(byEditor.status).toBe(403);
    expect(await invites(id)).toHaveLength(1);
  });

  it('accepts the seeded pending invitation to Late Night Trap', async () => {
    const id = await playlistId('Late Night Trap');
    const reply = await t.as.developer.call('acceptPlaylistInvite', { path: { playlist_id: id } });
    expectStatus(reply, 200);
    expect(reply.body.playlist.editors.map((u) => u.id).sort()).toEqual([ids.producer, ids.developer].sort());
    await t.as.listener.call('removePlaylistEditor', { path: { playlist_id: id }, body: { user_id: ids.developer! } });
  });

  it('answers an expired invitation with 410 and makes no editor', async () => {
    const id = await makePlaylist(t.as.listener, { collaborative: true });
    await invite(t.as.listener, id, ids.developer!);
    await t.server.rows(
      sql`update playlist_invites set created_at = now() - interval '8 days', expires_at = now() - interval '1 day' where playlist_id = ${id}`,
    );
    const reply = await t.as.developer.call('acceptPlaylistInvite', { path: { playlist_id: id } });
    expect(reply.status).toBe(410);
    expect(reply.body).toEqual({ message: 'This invitation has expired.' });
    expect(await t.server.rows(sql`select * from playlist_editors where playlist_id = ${id}`)).toEqual([]);
    // Expired for a week: a new invitation may be sent.
    expect((await invite(t.as.listener, id, ids.developer!)).status).toBe(200);
  });

  it('answers 404 to accept or decline without an invitation, changing nothing', async () => {
    const id = await makePlaylist(t.as.listener, { collaborative: true, public: true });
    for (const operationId of ['acceptPlaylistInvite', 'declinePlaylistInvite'] as const) {
      const reply = await t.as.producer.call(operationId, { path: { playlist_id: id } });
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ message: 'Invitation not found.' });
    }
    expect((await t.as.producer.call('acceptPlaylistInvite', { path: { playlist_id: 2147483647 } })).status).toBe(404);
    expect(await t.server.rows(sql`select * from playlist_editors where playlist_id = ${id}`)).toEqual([]);
  });

  it('declines once, blocks another user from accepting it, and applies the 24-hour cooldown', async () => {
    const id = await makePlaylist(t.as.listener, { collaborative: true });
    await invite(t.as.listener, id, ids.developer!);
    // Someone else cannot accept or decline the developer's invitation.
    expect((await t.as.producer.call('acceptPlaylistInvite', { path: { playlist_id: id } })).status).toBe(404);
    expect((await t.as.producer.call('declinePlaylistInvite', { path: { playlist_id: id } })).status).toBe(404);
    expect(await invites(id)).toEqual([{ user_id: ids.developer, status: 'pending' }]);

    const declined = await t.as.developer.call('declinePlaylistInvite', { path: { playlist_id: id } });
    expect(declined.status).toBe(200);
    expect(declined.body).toEqual({ status: 'success' });
    expect((await t.as.developer.call('declinePlaylistInvite', { path: { playlist_id: id } })).status).toBe(404);
    expect((await t.as.developer.call('acceptPlaylistInvite', { path: { playlist_id: id } })).status).toBe(404);

    const tooSoon = await invite(t.as.listener, id, ids.developer!);
    expectStatus(tooSoon, 429);
    expect(tooSoon.body).toMatchObject({
      message: 'Cannot re-invite yet. Wait 24 hours between invitations to the same user.',
      error_code: 'reinvite_cooldown',
    });
    expect(tooSoon.body.retry_after).toBeGreaterThan(23 * 3600);
    expect(tooSoon.body.retry_after).toBeLessThanOrEqual(24 * 3600);
    expect(tooSoon.headers.get('retry-after')).toBe(String(tooSoon.body.retry_after));
    expect(await invites(id)).toHaveLength(1);

    await t.server.rows(sql`update playlist_invites set created_at = now() - interval '25 hours' where playlist_id = ${id}`);
    expect((await invite(t.as.listener, id, ids.developer!)).status).toBe(200);
  });

  it('validates the invitee and the playlist with 422', async () => {
    const collaborative = await makePlaylist(t.as.listener, { collaborative: true });
    const solo = await makePlaylist(t.as.listener);
    const cases: [number, number, string][] = [
      [collaborative, 2147483647, 'The selected user id is invalid.'],
      [collaborative, ids.disabled!, 'The selected user id is invalid.'],
      [collaborative, ids.listener!, 'The owner cannot be invited to their own playlist.'],
      [solo, ids.developer!, 'Only collaborative playlists can have editors.'],
    ];
    for (const [id, userId, message] of cases) {
      const reply = await invite(t.as.listener, id, userId);
      expect(reply.status).toBe(422);
      expect(reply.body).toEqual({ message, errors: { user_id: [message] } });
    }
    const lateNight = await playlistId('Late Night Trap');
    const editor = await invite(t.as.listener, lateNight, ids.producer!);
    expectStatus(editor, 422);
    expect(editor.body.errors.user_id).toEqual(['This user is already an editor of this playlist.']);
    expect(await t.server.rows(sql`select * from playlist_invites where playlist_id in (${collaborative}, ${solo})`)).toEqual([]);
  });

  it('refuses invitations from non-owners (403) and hides private playlists (404)', async () => {
    const lateNight = await playlistId('Late Night Trap');
    const before = await invites(lateNight);
    const reply = await t.as.developer.call('invitePlaylistEditor', { path: { playlist_id: lateNight }, body: { user_id: ids.twofactor! } });
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ message: 'Only the owner of this playlist can do this.' });
    const hidden = await playlistId('Unreleased Drafts');
    expect((await invite(t.as.developer, hidden, ids.twofactor!)).status).toBe(404);
    expect(await invites(lateNight)).toEqual(before);
    expect(await invites(hidden)).toEqual([]);
  });

  it('caps editors plus pending invitations at 10 (429 max_editors_reached)', async () => {
    const id = await makePlaylist(t.as.listener, { collaborative: true });
    const extra = await t.server.rows<{ id: number }>(sql`
      insert into users (email, display_name, password_hash)
      select 'editor' || g || '-' || ${id} || '@beatpass.test', 'Editor ' || g, 'x' from generate_series(1, 11) g returning id`);
    const [first, ...rest] = extra.map((r) => r.id);
    await t.server.rows(sql`insert into playlist_editors (playlist_id, user_id) values (${id}, ${first!})`);
    for (const userId of rest.slice(0, 9)) expect((await invite(t.as.listener, id, userId)).status).toBe(200);
    const reply = await invite(t.as.listener, id, rest[9]!);
    expect(reply.status).toBe(429);
    expect(reply.body).toEqual({ message: 'Max editors reached. A playlist can have at most 10 editors.', error_code: 'max_editors_reached' });
    expect(await invites(id)).toHaveLength(9);
  });

  it('removes an editor (who loses access), and 422 for a user who is not one', async () => {
    const id = await makePlaylist(t.as.listener, { collaborative: true });
    await t.server.rows(sql`insert into playlist_editors (playlist_id, user_id) values (${id}, ${ids.developer!})`);
    const notEditor = await t.as.listener.call('removePlaylistEditor', { path: { playlist_id: id }, body: { user_id: ids.producer! } });
    expect(notEditor.status).toBe(422);
    expect(notEditor.body).toEqual({
      message: 'This user is not an editor of this playlist.',
      errors: { user_id: ['This user is not an editor of this playlist.'] },
    });
    // The editor cannot remove themselves or anyone else: owner only.
    const byEditor = await t.as.developer.call('removePlaylistEditor', { path: { playlist_id: id }, body: { user_id: ids.developer! } });
    expect(byEditor.status).toBe(403);
    expect(await t.server.rows(sql`select user_id from playlist_editors where playlist_id = ${id}`)).toEqual([{ user_id: ids.developer }]);

    const reply = await t.as.listener.call('removePlaylistEditor', { path: { playlist_id: id }, body: { user_id: ids.developer! } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'success', message: 'Editor removed.', playlist: { id, editors: [] } });
    expect(await t.server.rows(sql`select * from playlist_editors where playlist_id = ${id}`)).toEqual([]);
    expect((await t.as.developer.call('getPlaylist', { path: { playlist_id: id } })).status).toBe(404);
  });

  it('deletes the whole playlist when the owner removes themselves', async () => {
    const id = await makePlaylist(t.as.listener, { collaborative: true });
    const hidden = await t.as.producer.call('removePlaylistEditor', { path: { playlist_id: id }, body: { user_id: ids.listener! } });
    expect(hidden.status).toBe(404);
    expect(await playlistRow(id)).toBeDefined();
    const reply = await t.as.listener.call('removePlaylistEditor', { path: { playlist_id: id }, body: { user_id: ids.listener! } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'success', deleted: true });
    expect(await playlistRow(id)).toBeUndefined();
  });
});

describe('request errors shared by the playlist routes', () => {
  it('answers malformed JSON with 400, a non-JSON body with 415 and a bad path ID with 422', async () => {
    const malformed = await t.as.developer.request('POST', '/api/v1/playlists', { body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ message: 'The request body is not valid JSON.' });
    const text = await t.as.developer.request('POST', '/api/v1/playlists', { body: 'name=x', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    const badId = await t.as.anonymous.callUnchecked('getPlaylist', { path: { playlist_id: 'abc' } });
    expectStatus(badId, 422);
    expect(Object.keys(badId.body.errors)).toEqual(['playlist_id']);
    const badPage = await t.as.anonymous.call('listPlaylists', { query: { per_page: 501 } });
    expect(badPage.status).toBe(422);
  });

  it('refuses a stale token even on public reads (401), and unsafe session requests without XSRF (419)', async () => {
    const stale = t.server.bearer('1|not-a-real-token-at-all-000000000000000');
    expect((await stale.call('listPlaylists')).status).toBe(401);
    const id = await playlistId('Lo-Fi Study Session');
    const noHeader = await t.as.developer.call('followPlaylist', { path: { playlist_id: id }, xsrf: false });
    expect(noHeader.status).toBe(419);
    expect(await t.server.rows(sql`select * from playlist_followers where playlist_id = ${id} and user_id = ${ids.developer}`)).toEqual([]);
  });
});
