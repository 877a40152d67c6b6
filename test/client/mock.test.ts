// Runs the client suite against the Prism mock of generated/openapi.json. Prism runs with
// `--errors`, so a request that breaks the contract is answered with an error, not an example.
import { afterAll, beforeAll } from 'vitest';
import { PRISM_STARTUP_TIMEOUT_MS, startPrismMock, type PrismProcess } from '../support/prism.js';
import { clientSuite } from './client-suite.js';

let prism: PrismProcess | undefined;

beforeAll(async () => {
  prism = await startPrismMock('generated/openapi.json');
}, PRISM_STARTUP_TIMEOUT_MS + 5_000);

afterAll(async () => {
  await prism?.stop();
});

clientSuite('the Prism mock', () => ({ baseUrl: prism!.baseUrl, kind: 'mock' }));
