// A running sandbox serves the spec and the docs naming itself as the first server
// (PUBLIC_URL), so a spec imported into Postman or Insomnia, and the docs, target the sandbox
// and not production.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOCS_HTML, buildDocs } from '../../../scripts/build-docs.js';
import { SANDBOX_URL } from '../../../server/http/sandbox-url.js';
import { useTestServer } from '../../support/fixture.js';

const PUBLIC_URL = 'http://127.0.0.1:4321';
const SPEC = fileURLToPath(new URL('../../../generated/openapi.json', import.meta.url));

const t = useTestServer({ publicUrl: PUBLIC_URL });

beforeAll(async () => {
  if (!existsSync(DOCS_HTML) || statSync(DOCS_HTML).mtimeMs < statSync(SPEC).mtimeMs) await buildDocs();
}, 120_000);

describe('the spec and docs a sandbox serves', () => {
  it('name this sandbox first, then production', async () => {
    const reply = await t.as.anonymous.request<{ servers: { url: string; description: string }[] }>('GET', '/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.body.servers.map((s) => s.url)).toEqual([PUBLIC_URL, 'https://open.beatpass.ca']);
    expect(reply.body.servers[0]!.description).toMatch(/sandbox/);
  });

  it('in YAML and in the docs page too', async () => {
    const yaml = await t.as.anonymous.request<string>('GET', '/openapi.yaml');
    expect(yaml.body).toContain(`- url: ${PUBLIC_URL}\n`);
    const docs = await t.as.anonymous.request<string>('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.body).toContain(PUBLIC_URL);
    expect(docs.body).not.toContain(SANDBOX_URL);
  });

  it('with the TypeScript samples calling this sandbox through the installed client', async () => {
    const reply = await t.as.anonymous.request<{ paths: Record<string, Record<string, { 'x-codeSamples'?: { source: string }[] }>> }>('GET', '/openapi.json');
    const sample = reply.body.paths['/api/v1/tracks/{track_id}']!.get!['x-codeSamples']![0]!.source;
    expect(sample).toContain(`baseUrl: '${PUBLIC_URL}'`);
    expect(sample).toContain("from '@beatpass/client'");
    expect(sample).not.toContain(SANDBOX_URL);
    const docs = await t.as.anonymous.request<string>('GET', '/docs');
    expect(docs.body).toContain(`baseUrl: '${PUBLIC_URL}'`);
  });
});
