// A JSON body may be compressed (gzip, deflate, br): it is decompressed within the same size
// limit, a malformed one gets 400 and any other encoding 415 (an outside review got 500s).
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../server/seed/seed.js';
import { useTestServer } from '../../support/fixture.js';

const t = useTestServer();

const signIn = JSON.stringify({ email: 'developer@beatpass.test', password: DEMO_PASSWORD, token_name: 'compressed' });
const compressors = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };

function send(encoding: string, body: Uint8Array<ArrayBuffer>) {
  return t.server.agent().request('POST', '/api/v1/auth/login', { body, headers: { 'content-type': 'application/json', 'content-encoding': encoding } });
}

describe('compressed JSON request bodies', () => {
  for (const [encoding, compress] of Object.entries(compressors)) {
    it(`accepts a ${encoding} body`, async () => {
      const reply = await send(encoding, compress(signIn));
      expect(reply.status).toBe(200);
      expect(reply.body.user.access_token).toEqual(expect.any(String));
    });

    it(`answers a malformed ${encoding} body with 400`, async () => {
      const reply = await send(encoding, Buffer.from('this is not compressed'));
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ message: 'The request body could not be decompressed: it does not match its Content-Encoding.' });
    });
  }

  it('applies the size limit to the decompressed body (413), not to the bytes sent', async () => {
    const bomb = gzipSync(Buffer.from(`{"email":"${' '.repeat(5_000_000)}"}`));
    expect(bomb.length).toBeLessThan(10_000);
    const reply = await send('gzip', bomb);
    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({ message: 'The request body is too large.' });
  });

  it('answers any other Content-Encoding with 415, on every Node version', async () => {
    for (const encoding of ['zstd', 'compress', 'x-unknown']) {
      const reply = await send(encoding, Buffer.from(signIn));
      expect(reply.status, encoding).toBe(415);
      expect(reply.body).toEqual({ message: 'Unsupported Content-Encoding: send the body uncompressed, or as gzip, deflate or br.' });
    }
  });
});
