// One fixture per test file: the real app started once for the file, and the agents it asks
// for signed in, so a file says what it needs in one line instead of a preamble:
//
//   const t = useTestServer({ signIn: ['listener', 'producer'] });
//   ... await t.as.producer.call('createAlbum', { body }) ...  t.server.rows(sql`...`)
//
// The server starts in `beforeAll` and closes in `afterAll`; `t.server` and `t.as` are for
// use inside tests and hooks.
import { afterAll, beforeAll } from 'vitest';
import type { Agent } from './http.js';
import { startTestServer, type TestServer, type TestServerOptions } from './server.js';

/** The demo accounts that sign in with the demo password (README). */
export type DemoUser = 'listener' | 'producer' | 'developer';

export const demoEmail = (user: DemoUser): string => `${user}@beatpass.test`;

export interface Fixture<U extends DemoUser> {
  readonly server: TestServer;
  /** `anonymous`, and one agent per demo user asked for, signed in through the web sign-in (session + XSRF). */
  readonly as: { readonly anonymous: Agent } & { readonly [K in U]: Agent };
}

export function useTestServer<const U extends DemoUser = never>(options: TestServerOptions & { signIn?: readonly U[] } = {}): Fixture<U> {
  const { signIn = [], ...serverOptions } = options;
  let server: TestServer | undefined;
  const agents = new Map<string, Agent>();

  beforeAll(async () => {
    server = await startTestServer(serverOptions);
    agents.set('anonymous', server.agent());
    for (const user of signIn) agents.set(user, await server.signIn(demoEmail(user)));
  });
  afterAll(async () => {
    await server?.close();
  });

  const started = (): TestServer => {
    if (!server) throw new Error('The test server starts in beforeAll: use it inside tests and hooks.');
    return server;
  };
  const as = new Proxy({} as Fixture<U>['as'], {
    get(_target, name) {
      started();
      const agent = agents.get(String(name));
      if (!agent) throw new Error(`No agent "${String(name)}": add it to useTestServer({ signIn: [...] }).`);
      return agent;
    },
  });
  return {
    get server() {
      return started();
    },
    as,
  };
}
