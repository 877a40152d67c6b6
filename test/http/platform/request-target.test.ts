// The API operations are served by our own request listener and everything else by
// Express; a client must not be able to tell which half answered.
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';

const t = useTestServer();

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends a request with a literal request target, which fetch cannot do. */
function raw(method: string, target: string): Promise<RawReply> {
  const { hostname, port } = new URL(t.server.baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path: target }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('request targets and shared response headers', () => {
  it('serves an operation addressed in absolute form (as proxies send it) like the plain path', async () => {
    const plain = await t.as.anonymous.call('listTracks', { query: { per_page: 2 } });
    const absolute = await raw('GET', `${t.server.baseUrl}/api/v1/tracks?per_page=2`);
    expect(plain.status).toBe(200);
    expect(absolute.status).toBe(200);
    expect(JSON.parse(absolute.body)).toEqual(plain.body);
  });

  it('ignores a fragment sent in the target', async () => {
    const reply = await raw('GET', '/api/v1/tracks?per_page=1#top');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body).pagination.per_page).toBe(1);
  });

  it('answers HEAD on a read operation with its headers and no body', async () => {
    const get = await raw('GET', '/api/v1/tracks/1');
    const head = await raw('HEAD', '/api/v1/tracks/1');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(get.body)));
  });

  it('gives operations, Express routes and 404s the same security headers and a request id', async () => {
    for (const target of ['/api/v1/tracks/1', '/api/v1/nope', '/health', '/openapi.json', '/nowhere']) {
      const reply = await raw('GET', target);
      expect(reply.headers['x-content-type-options'], target).toBe('nosniff');
      expect(reply.headers['x-frame-options'], target).toBe('DENY');
      expect(reply.headers['referrer-policy'], target).toBe('no-referrer');
      expect(reply.headers['x-request-id'], target).toMatch(/^[0-9a-f-]{36}$/);
      expect(reply.headers['x-powered-by'], target).toBeUndefined();
    }
  });

  it("keeps the caller's request id", async () => {
    const { hostname, port } = new URL(t.server.baseUrl);
    const echoed = await new Promise<string | undefined>((resolve, reject) => {
      httpRequest({ host: hostname, port, path: '/api/v1/tracks/1', headers: { 'x-request-id': 'trace-42' } }, (res) => {
        res.resume();
        resolve(res.headers['x-request-id'] as string | undefined);
      })
        .on('error', reject)
        .end();
    });
    expect(echoed).toBe('trace-42');
  });
});
