// The real handlers of a test server, for overrides that delegate to them (`handlerOverrides`
// replaces a handler; the conformance tests wrap it instead). The one place that builds
// handlers the way server/app.ts does.
import { createHandlers } from '../../server/app.js';
import { createTestStorage } from '../support/storage.js';
import type { TestServer } from '../support/server.js';

export type RealHandlers = ReturnType<typeof createHandlers>;

export async function realHandlers(server: TestServer): Promise<RealHandlers> {
  const options: Parameters<typeof createHandlers>[1] = { secureCookies: false, storage: await createTestStorage(), commerce: server.commerce };
  return createHandlers(server.database.db, options);
}
