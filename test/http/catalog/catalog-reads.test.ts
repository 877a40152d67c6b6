import { describe, expect, it } from 'vitest';
import type { components } from '../../../generated/api.js';
import { useTestServer } from '../../support/fixture.js';
import { asSchema } from '../../support/schemas.js';
import { expectStatus } from '../../support/http.js';

type Artist = components['schemas']['Artist'];

const t = useTestServer({ signIn: ['listener'] });

const PUBLIC_TRACK_KEYS = ['created_at', 'duration_text', 'id', 'image', 'model_type', 'name'];

describe('GET /api/v1/tracks', () => {
  it('gives anonymous callers 15 minimal tracks per page with Laravel pagination', async () => {
    const reply = await t.as.anonymous.call('listTracks');
    expectStatus(reply, 200);
    const page = reply.body.pagination;
    expect(reply.body.status).toBe('success');
    expect(page).toMatchObject({ current_page: 1, per_page: 15, from: 1, to: 15, prev_page_url: null });
    expect(page.total).toBeGreaterThanOrEqual(200);
    expect(page.last_page).toBe(Math.ceil(page.total / 15));
    expect(page.next_page_url).toBe(`${t.server.baseUrl}/api/v1/tracks?page=2`);
    expect(page.data).toHaveLength(15);
    for (const track of page.data) expect(Object.keys(track).sort()).toEqual(PUBLIC_TRACK_KEYS);
  });

  it('gives signed-in callers rich tracks with artists, genres and their own like', async () => {
    const reply = await t.as.listener.call('listTracks', { query: { per_page: 50 } });
    expectStatus(reply, 200);
    const tracks = reply.body.pagination.data.map((track) => asSchema('Track', track));
    expect(tracks).toHaveLength(50);
    for (const track of tracks) {
      expect(track).toMatchObject({ model_type: 'track', bpm: expect.any(Number), licensing_type: expect.any(String) });
      expect(track.artists.length).toBeGreaterThan(0);
      expect(track.genres.length).toBeGreaterThan(0);
    }
    expect(tracks.some((track) => track.is_liked)).toBe(true);
  });

  it('pages through the whole catalog without repeats', async () => {
    const first = await t.as.anonymous.call('listTracks', { query: { per_page: 100 } });
    expectStatus(first, 200);
    const seen = new Set<number>();
    for (let page = 1; page <= first.body.pagination.last_page; page++) {
      const reply = await t.as.anonymous.call('listTracks', { query: { per_page: 100, page } });
      expectStatus(reply, 200);
      for (const track of reply.body.pagination.data) seen.add(track.id);
    }
    expect(seen.size).toBe(first.body.pagination.total);
  });

  it('answers a page past the end with an empty page', async () => {
    const reply = await t.as.anonymous.call('listTracks', { query: { page: 9999 } });
    expectStatus(reply, 200);
    expect(reply.body.pagination).toMatchObject({ current_page: 9999, data: [], from: null, to: null, next_page_url: null });
  });

  it('searches names and descriptions with query, and keeps it in page links', async () => {
    const all = await t.as.listener.call('listTracks', { query: { per_page: 1 } });
    expectStatus(all, 200);
    const name: string = all.body.pagination.data[0]!.name;
    const word = name.split(' ')[0]!;
    const reply = await t.as.listener.call('listTracks', { query: { query: word, per_page: 5 } });
    expectStatus(reply, 200);
    expect(reply.body.pagination.total).toBeGreaterThan(0);
    expect(reply.body.pagination.total).toBeLessThan(all.body.pagination.total);
    for (const track of reply.body.pagination.data.map((track) => asSchema('Track', track))) {
      expect(`${track.name} ${track.description ?? ''}`.toLowerCase()).toContain(word.toLowerCase());
    }
    expect(reply.body.pagination.first_page_url).toContain(`query=${encodeURIComponent(word)}`);

    const none = await t.as.anonymous.call('listTracks', { query: { query: 'zzzqqqxxx' } });
    expectStatus(none, 200);
    expect(none.body.pagination).toMatchObject({ total: 0, data: [], last_page: 1 });
  });

  it('treats LIKE wildcards in query literally', async () => {
    const reply = await t.as.anonymous.call('listTracks', { query: { query: '%' } });
    expectStatus(reply, 200);
    expect(reply.body.pagination.total).toBe(0);
  });

  it('accepts the older perPage spelling', async () => {
    const reply = await t.as.anonymous.call('listTracks', { query: { perPage: 3 } });
    expectStatus(reply, 200);
    expect(reply.body.pagination.per_page).toBe(3);
    expect(reply.body.pagination.data).toHaveLength(3);
  });

  it('rejects out-of-range paging and unknown parameters with per-field 422s', async () => {
    const reply = await t.as.anonymous.call('listTracks', { query: { per_page: 501, page: 0 } });
    expectStatus(reply, 422);
    expect(reply.body.errors).toEqual({
      per_page: ['The per_page field must not be greater than 500.'],
      page: ['The page field must be at least 1.'],
    });
    expect(reply.body.message).toMatch(/^The (per_)?page field .* \(and 1 more error\)$/);
    const unknown = await t.as.anonymous.callUnchecked('listTracks', { query: { bogus: 1 } });
    expectStatus(unknown, 422);
    expect(unknown.body.errors).toEqual({ bogus: ['The bogus parameter is not allowed.'] });
  });
});

describe('GET /api/v1/tracks/{track_id}', () => {
  it('returns the minimal track anonymously and the rich one with a session', async () => {
    const anon = await t.as.anonymous.call('getTrack', { path: { track_id: 1 } });
    expectStatus(anon, 200);
    expect(anon.body.loader).toBe('trackPage');
    expect(Object.keys(anon.body.track).sort()).toEqual(PUBLIC_TRACK_KEYS);

    const reply = await t.as.listener.call('getTrack', { path: { track_id: 1 } });
    expectStatus(reply, 200);
    const rich = asSchema('Track', reply.body.track);
    expect(rich.id).toBe(1);
    expect(rich.duration_text).toBe(anon.body.track.duration_text);
    expect(rich).toHaveProperty('licensing_type');
    expect(rich.duration).toBeGreaterThanOrEqual(1000);
  });

  it('answers an unknown track with 404 and a non-numeric id with 422', async () => {
    const missing = await t.as.anonymous.call('getTrack', { path: { track_id: 999999 } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Track not found.' });
    const bad = await t.as.anonymous.callUnchecked('getTrack', { path: { track_id: 'abc' } });
    expectStatus(bad, 422);
    expect(bad.body.errors.track_id).toEqual(['The track_id field must be an integer.']);
  });
});

describe('GET /api/v1/artists/{artist_id}', () => {
  it('returns id, name and model_type anonymously and the full profile with a session', async () => {
    const anon = await t.as.anonymous.call('getArtist', { path: { artist_id: 1 } });
    expect(anon.status).toBe(200);
    expect(anon.body).toEqual({ artist: { id: 1, name: expect.any(String), model_type: 'artist' }, loader: 'artistPage' });

    const reply = await t.as.listener.call('getArtist', { path: { artist_id: 1 } });
    expectStatus(reply, 200);
    const rich = asSchema('Artist', reply.body.artist);
    expect(rich.top_tracks.length).toBeGreaterThan(0);
    expect(rich.top_tracks.length).toBeLessThanOrEqual(10);
    const plays = rich.top_tracks.map((track) => track.plays);
    expect(plays).toEqual([...plays].sort((a, b) => b - a));
    expect(rich.genres.length).toBeGreaterThan(0);
  });

  it('tells a follower that they follow the artist', async () => {
    const followed: Artist[] = [];
    for (let id = 1; id <= 46; id++) {
      const reply = await t.as.listener.call('getArtist', { path: { artist_id: id } });
      if (reply.status === 200 && asSchema('Artist', reply.body.artist).is_following) followed.push(asSchema('Artist', reply.body.artist));
    }
    expect(followed.length).toBeGreaterThan(0);
    expect(followed.every((a) => a.followers_count >= 1)).toBe(true);
  });

  it('answers an unknown artist with 404', async () => {
    const reply = await t.as.anonymous.call('getArtist', { path: { artist_id: 424242 } });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'Artist not found.' });
  });
});

describe('GET /api/v1/genres', () => {
  it('lists at least 20 genres alphabetically, the same for everyone', async () => {
    const anon = await t.as.anonymous.call('listGenres', { query: { per_page: 100 } });
    expectStatus(anon, 200);
    const names = anon.body.pagination.data.map((g) => g.display_name);
    expect(names.length).toBeGreaterThanOrEqual(20);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    const rich = await t.as.listener.call('listGenres', { query: { per_page: 100 } });
    expectStatus(rich, 200);
    expect(rich.body.pagination.data).toEqual(anon.body.pagination.data);
  });
});

describe('GET /api/v1/users/{user_id}', () => {
  it('shows another user without private fields and 404s unknown ones', async () => {
    const other = await t.as.listener.call('getUser', { path: { user_id: '2' } });
    expectStatus(other, 200);
    expect(other.body.user).not.toHaveProperty('email');
    expect((await t.as.listener.call('getUser', { path: { user_id: '999999' } })).status).toBe(404);
    const bad = await t.as.listener.callUnchecked('getUser', { path: { user_id: 'yo' } });
    expectStatus(bad, 422);
    expect(bad.body.errors).toEqual({ user_id: ['The user_id field format is invalid.'] });
  });

  it('needs credentials', async () => {
    const reply = await t.as.anonymous.call('getUser', { path: { user_id: 'me' } });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ message: 'Unauthenticated.' });
  });
});
