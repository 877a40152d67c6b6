import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';

const t = useTestServer();

describe('GET /favicon.ico', () => {
  it('answers the icon a browser asks for (the docs page included) with a small SVG, never a 404', async () => {
    const reply = await t.as.anonymous.request<Buffer>('GET', '/favicon.ico', { headers: { accept: 'image/avif,image/webp,image/*,*/*;q=0.8' } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(reply.headers.get('cache-control')).toBe('public, max-age=86400');
    const svg = reply.body.toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<\/svg>$/);
    expect(reply.body.length).toBeLessThan(1024);
  });

  it('answers HEAD too, without a body', async () => {
    const reply = await t.as.anonymous.request<Buffer>('HEAD', '/favicon.ico');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(reply.body.length).toBe(0);
  });
});
