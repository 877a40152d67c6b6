import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientSuite } from './client-suite.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

clientSuite('the real server', () => ({ baseUrl: server.baseUrl, kind: 'server', artistId: 1 }));
