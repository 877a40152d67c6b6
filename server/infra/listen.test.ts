import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startingUp } from './listen.js';

describe('the answer while starting up', () => {
  it('is a 503 with Retry-After and the same security headers as every other response', async () => {
    const server = createServer(startingUp('sandbox')).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const reply = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/tracks`);
      expect(reply.status).toBe(503);
      expect(reply.headers.get('retry-after')).toBe('1');
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('x-frame-options')).toBe('DENY');
      expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await reply.json()).toEqual({ message: 'The sandbox is starting; try again in a moment.' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
