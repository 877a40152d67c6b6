// Runs the client suite against the mock (`npm run mock`): the sandbox's request steps in front
// of Prism, so a request that breaks the contract gets the sandbox's answer, not an example.
import { afterAll, beforeAll } from 'vitest';
import { MOCK_STARTUP_TIMEOUT_MS, startTestMock, type RunningMock } from '../support/mock.js';
import { clientSuite } from './client-suite.js';

let mock: RunningMock | undefined;

beforeAll(async () => {
  mock = await startTestMock();
}, MOCK_STARTUP_TIMEOUT_MS);

afterAll(async () => {
  await mock?.close();
});

// The examples' artist: anonymous track lists name no artists, on the mock as on the sandbox.
clientSuite('the mock', () => ({ baseUrl: mock!.baseUrl, kind: 'mock', artistId: 900000001 }));
