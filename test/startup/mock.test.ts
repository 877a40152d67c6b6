// `npm run mock` (server/mock/main.ts) as a process: MOCK_PORT picks its port, a taken port
// stops it with one line, and SIGTERM stops it cleanly, with its Prism.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { freePort } from '../../server/infra/listen.js';
import { PRISM_STARTUP_TIMEOUT_MS } from '../../server/mock/prism.js';
import { type EntryProcess, runEntry } from '../support/entry-process.js';

function runMock(env: Record<string, string>): EntryProcess {
  return runEntry('server/mock/main.ts', { NODE_ENV: 'development', LOG_LEVEL: 'silent', HOST: '127.0.0.1', ...env });
}

async function waitForAnswer(url: string, deadline: number): Promise<Response> {
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status !== 503) return response;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('npm run mock', () => {
  let taken: Server;
  let takenPort: number;

  beforeAll(async () => {
    taken = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    takenPort = (taken.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
  });

  it(
    'listens on MOCK_PORT, answers like the sandbox, and stops on SIGTERM',
    async () => {
      const port = await freePort();
      const mock = runMock({ MOCK_PORT: String(port) });
      try {
        const answer = await waitForAnswer(`http://127.0.0.1:${port}/api/v1/tracks?colour=red`, Date.now() + PRISM_STARTUP_TIMEOUT_MS);

        expect(answer.status).toBe(422);
        expect(await answer.json()).toEqual({ message: 'The colour parameter is not allowed.', errors: { colour: ['The colour parameter is not allowed.'] } });
        expect(mock.output()).toContain(`BeatPass mock listening on http://127.0.0.1:${port}`);
      } finally {
        mock.child.kill('SIGTERM');
      }
      expect(await mock.exit).toBe(0);
    },
    PRISM_STARTUP_TIMEOUT_MS + 10_000,
  );

  it('says in one line that MOCK_PORT is taken, and exits', async () => {
    const mock = runMock({ MOCK_PORT: String(takenPort) });

    const code = await mock.exit;

    expect(code).toBe(1);
    expect(mock.output().trim()).toBe(`Port ${takenPort} on 127.0.0.1 is already in use: stop the other server or set MOCK_PORT.`);
  }, 20_000);
});
