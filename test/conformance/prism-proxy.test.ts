// The typed client's suite (test/client/client-suite.ts), end to end through
// `prism proxy --errors generated/openapi.json` in front of the real server: every request and
// every real response is checked by Prism's validator as well as the server's own.
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientSuite } from '../client/client-suite.js';
import { startPrismProxy, type PrismProcess } from '../support/prism.js';

let server: TestServer;
let prism: PrismProcess;

beforeAll(async () => {
  server = await startTestServer();
  prism = await startPrismProxy('generated/openapi.json', server.baseUrl);
}, 40_000);

afterAll(async () => {
  await prism?.stop();
  await server?.close();
});

clientSuite('the real server through prism proxy --errors', () => ({ baseUrl: prism.baseUrl, kind: 'proxy', artistId: 1 }));
