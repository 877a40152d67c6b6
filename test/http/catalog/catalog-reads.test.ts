import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../support/http.js';
import { startTestServer, type TestServer } from '../../support/server.js';

let server: TestServer;
let anonymous: Agent;
let signedIn: Agent;
beforeAll(async () => {
  server = await startTestServer();
  anonymous = new Agent(server.baseUrl);
  signedIn = await server.signIn('listener@beatpass.test');
});
afterAll(async () => { await server.close(); });

const PUBLIC_TRACK_KEYS = ['created_at', 'duration_text', 'id', 'image', 'model_type', 'name'];

describe('GET /api/v1/tracks', () => {
  it('gives anonymous callers 15 minimal tracks per page with Laravel pagination', async () => {
    const reply = await anonymous.request('GET', '/api/v1/tracks');
    expect(reply.status).toBe(200);
    const page = reply.body.pagination;
    expect(reply.body.status).toBe('success');
    expect(page).toMatchObject({ current_page: 1, per_page: 15, from: 1, to: 15, prev_page_url: null });
    expect(page.total).toBeGreaterThanOrEqual(200);
    expect(page.last_page).toBe(Math.ceil(page.total / 15));
    expect(page.next_page_url).toBe(`${server.baseUrl}/api/v1/tracks?page=2`);
    expect(page.data).toHaveLength(15);
    for (const track of page.data) expect(Object.keys(track).sort()).toEqual(PUBLIC_TRACK_KEYS);
  });

  it('gives signed-in callers rich tracks with artists, genres and their own like', async () => {
    const reply = await signedIn.request('GET', '/api/v1/tracks?per_page=50');
    expect(reply.status).toBe(200);
    const tracks = reply.body.pagination.data;
    expect(tracks).toHaveLength(50);
    for (const track of tracks) {
      expect(track).toMatchObject({ model_type: 'track', bpm: expect.any(Number), licensing_type: expect.any(String) });
      expect(track.artists.length).toBeGreaterThan(0);
      expect(track.genres.length).toBeGreaterThan(0);
    }
    expect(tracks.some((t: { is_liked: boolean }) => t.is_liked)).toBe(true);
  });

  it('pages through the whole catalog without repeats', async () => {
    const first = await anonymous.request('GET', '/api/v1/tracks?per_page=100');
    const seen = new Set<number>();
    for (let page = 1; page <= first.body.pagination.last_page; page++) {
      const reply = await anonymous.request('GET', `/api/v1/tracks?per_page=100&page=${page}`);
      for (const track of reply.body.pagination.data) seen.add(track.id);
    }
    expect(seen.size).toBe(first.body.pagination.total);
  });

  it('answers a page past the end with an empty page', async () => {
    const reply = await anonymous.request('GET', '/api/v1/tracks?page=9999');
    expect(reply.status).toBe(200);
    expect(reply.body.pagination).toMatchObject({ current_page: 9999, data: [], from: null, to: null, next_page_url: null });
  });

  it('searches names and descriptions with query, and keeps it in page links', async () => {
    const all = await signedIn.request('GET', '/api/v1/tracks?per_page=1');
    const name: string = all.body.pagination.data[0].name;
    const word = name.split(' ')[0]!;
    const reply = await signedIn.request('GET', `/api/v1/tracks?query=${encodeURIComponent(word)}&per_page=5`);
    expect(reply.status).toBe(200);
    expect(reply.body.pagination.total).toBeGreaterThan(0);
    expect(reply.body.pagination.total).toBeLessThan(all.body.pagination.total);
    for (const track of reply.body.pagination.data) {
      expect(`${track.name} ${track.description ?? ''}`.toLowerCase()).toContain(word.toLowerCase());
    }
    expect(reply.body.pagination.first_page_url).toContain(`query=${encodeURIComponent(word)}`);

    const none = await anonymous.request('GET', '/api/v1/tracks?query=zzzqqqxxx');
    expect(none.body.pagination).toMatchObject({ total: 0, data: [], last_page: 1 });
  });

  it('treats LIKE wildcards in query literally', async () => {
    const reply = await anonymous.request('GET', '/api/v1/tracks?query=%25');
    expect(reply.status).toBe(200);
    expect(reply.body.pagination.total).toBe(0);
  });

  it('accepts the older perPage spelling', async () => {
    const reply = await anonymous.request('GET', '/api/v1/tracks?perPage=3');
    expect(reply.body.pagination.per_page).toBe(3);
    expect(reply.body.pagination.data).toHaveLength(3);
  });

  it('rejects out-of-range paging and unknown parameters with per-field 422s', async () => {
    const reply = await anonymous.request('GET', '/api/v1/tracks?per_page=501&page=0');
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual({
      per_page: ['The per_page field must not be greater than 500.'],
      page: ['The page field must be at least 1.'],
    });
    expect(reply.body.message).toMatch(/^The (per_)?page field .* \(and 1 more error\)$/);
    const unknown = await anonymous.request('GET', '/api/v1/tracks?bogus=1');
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual({ bogus: ['The bogus parameter is not allowed.'] });
  });
});

describe('GET /api/v1/tracks/{track_id}', () => {
  it('returns the minimal track anonymously and the rich one with a session', async () => {
    const anon = await anonymous.request('GET', '/api/v1/tracks/1');
    expect(anon.status).toBe(200);
    expect(anon.body.loader).toBe('trackPage');
    expect(Object.keys(anon.body.track).sort()).toEqual(PUBLIC_TRACK_KEYS);

    const rich = await signedIn.request('GET', '/api/v1/tracks/1');
    expect(rich.body.track.id).toBe(1);
    expect(rich.body.track.duration_text).toBe(anon.body.track.duration_text);
    expect(rich.body.track).toHaveProperty('licensing_type');
    expect(rich.body.track.duration).toBeGreaterThanOrEqual(1000);
  });

  it('answers an unknown track with 404 and a non-numeric id with 422', async () => {
    const missing = await anonymous.request('GET', '/api/v1/tracks/999999');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Track not found.' });
    const bad = await anonymous.request('GET', '/api/v1/tracks/abc');
    expect(bad.status).toBe(422);
    expect(bad.body.errors.track_id).toEqual(['The track_id field must be an integer.']);
  });
});

describe('GET /api/v1/artists/{artist_id}', () => {
  it('returns id, name and model_type anonymously and the full profile with a session', async () => {
    const anon = await anonymous.request('GET', '/api/v1/artists/1');
    expect(anon.status).toBe(200);
    expect(anon.body).toEqual({ artist: { id: 1, name: expect.any(String), model_type: 'artist' }, loader: 'artistPage' });

    const rich = await signedIn.request('GET', '/api/v1/artists/1');
    expect(rich.body.artist.top_tracks.length).toBeGreaterThan(0);
    expect(rich.body.artist.top_tracks.length).toBeLessThanOrEqual(10);
    const plays = rich.body.artist.top_tracks.map((t: { plays: number }) => t.plays);
    expect(plays).toEqual([...plays].sort((a, b) => b - a));
    expect(rich.body.artist.genres.length).toBeGreaterThan(0);
  });

  it('tells a follower that they follow the artist', async () => {
    const followed = [];
    for (let id = 1; id <= 46; id++) {
      const reply = await signedIn.request('GET', `/api/v1/artists/${id}`);
      if (reply.status === 200 && reply.body.artist.is_following) followed.push(reply.body.artist);
    }
    expect(followed.length).toBeGreaterThan(0);
    expect(followed.every((a) => a.followers_count >= 1)).toBe(true);
  });

  it('answers an unknown artist with 404', async () => {
    const reply = await anonymous.request('GET', '/api/v1/artists/424242');
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'Artist not found.' });
  });
});

describe('GET /api/v1/genres', () => {
  it('lists at least 20 genres alphabetically, the same for everyone', async () => {
    const anon = await anonymous.request('GET', '/api/v1/genres?per_page=100');
    expect(anon.status).toBe(200);
    const names = anon.body.pagination.data.map((g: { display_name: string }) => g.display_name);
    expect(names.length).toBeGreaterThanOrEqual(20);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'en')));
    const rich = await signedIn.request('GET', '/api/v1/genres?per_page=100');
    expect(rich.body.pagination.data).toEqual(anon.body.pagination.data);
  });
});

describe('GET /api/v1/users/{user_id}', () => {
  it('shows another user without private fields and 404s unknown ones', async () => {
    const other = await signedIn.request('GET', '/api/v1/users/2');
    expect(other.status).toBe(200);
    expect(other.body.user).not.toHaveProperty('email');
    expect((await signedIn.request('GET', '/api/v1/users/999999')).status).toBe(404);
    const bad = await signedIn.request('GET', '/api/v1/users/yo');
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual({ user_id: ['The user_id field format is invalid.'] });
  });

  it('needs credentials', async () => {
    const reply = await anonymous.request('GET', '/api/v1/users/me');
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ message: 'Unauthenticated.' });
  });
});
