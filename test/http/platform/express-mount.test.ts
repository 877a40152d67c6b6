// The API mounted as Express middleware (`app.use(beatPassApi(options))`) in a host app with
// middleware and routes of its own: the API's requests are answered as by the standalone
// server, everything else is the host's. scripts/test.sh also runs several HTTP suites through
// the mount (TEST_MOUNT=express).
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';

const mounted = useTestServer({ express: true, signIn: ['listener'] });
const standalone = useTestServer({ express: false });

describe('the API as Express middleware', () => {
  it('answers operations exactly as the standalone server, behind the host app middleware', async () => {
    const [viaExpress, direct] = await Promise.all([
      mounted.as.anonymous.call('listGenres', { query: { per_page: 3 } }),
      standalone.as.anonymous.call('listGenres', { query: { per_page: 3 } }),
    ]);
    expectStatus(viaExpress, 200);
    expectStatus(direct, 200);
    expect(viaExpress.body.pagination.data).toEqual(direct.body.pagination.data);
    expect(viaExpress.headers.get('x-host-app')).toBe('test');
    for (const name of ['x-content-type-options', 'x-ratelimit-limit', 'x-request-id', 'content-type']) {
      expect(viaExpress.headers.get(name), name).toBeTruthy();
    }
  });

  it('keeps its own error bodies, validation and sessions', async () => {
    expect(await mounted.as.anonymous.call('getTrack', { path: { track_id: 2147483647 } })).toMatchObject({
      status: 404,
      body: { message: 'Track not found.' },
    });
    const invalid = await mounted.as.anonymous.callUnchecked('listTracks', { query: { per_page: 0 } });
    expect(invalid.status).toBe(422);
    const malformed = await mounted.as.listener.request('POST', '/api/v1/playlists', { body: '{', headers: { 'content-type': 'application/json' } });
    expect(malformed).toMatchObject({ status: 400, body: { message: 'The request body is not valid JSON.' } });
    const created = await mounted.as.listener.call('createPlaylist', { body: { name: 'Mounted' } });
    expectStatus(created, 200);
    expect(created.body.playlist.name).toBe('Mounted');
  });

  it('leaves every other path to the host app: its routes, its body parser and its 404', async () => {
    const echo = await mounted.as.anonymous.request('POST', '/host/echo', { json: { a: 1 } });
    expect(echo).toMatchObject({ status: 200, body: { host: true, body: { a: 1 } } });
    const unknown = await mounted.as.anonymous.request('GET', '/host/nothing-here');
    expect(unknown.status).toBe(404);
    expect(String(unknown.body)).toMatch(/Cannot GET/);
  });
});
