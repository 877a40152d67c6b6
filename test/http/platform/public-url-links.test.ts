// Links the API builds come from the configured public URL, never from the request's Host
// header, which any client sets (an outside review got pagination links to its own host).
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';

const PUBLIC_URL = 'https://sandbox.beatpass.test';
const t = useTestServer({ publicUrl: PUBLIC_URL });

describe('links in answers', () => {
  it('start with PUBLIC_URL whatever Host the request names', async () => {
    for (const host of ['attacker.example', `127.0.0.1:${new URL(t.server.baseUrl).port}`]) {
      const reply = await t.as.anonymous.call('listTracks', { query: { per_page: 2 }, headers: { host } });
      expectStatus(reply, 200);
      const page = reply.body.pagination;
      expect(page.next_page_url).toBe(`${PUBLIC_URL}/api/v1/tracks?per_page=2&page=2`);
      expect(page.first_page_url).toMatch(new RegExp(`^${PUBLIC_URL}/`));
      expect(page.path).toBe(`${PUBLIC_URL}/api/v1/tracks`);
    }
  });
});
