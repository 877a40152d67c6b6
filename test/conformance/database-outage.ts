// A database outage for an in-process test server, without a PostgreSQL server to stop: while
// it lasts, every statement the server sends to its embedded database (queries, BEGIN, COMMIT)
// fails with one of the errors node-postgres raises when PostgreSQL goes away, as seen in
// test/scale/postgres-faults.test.ts. Drizzle wraps them exactly as it wraps node-postgres's,
// so the server takes the same path as in a real outage. Nothing reaches PGlite meanwhile,
// so the database is intact when the outage ends.
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database } from '../../server/db/connection.js';

export type DatabaseFault = () => Error;

/** What node-postgres raises when PostgreSQL goes away, by how it goes. */
export const DATABASE_FAULTS = {
  /** The server or the network drops an open connection. */
  connectionLost: () => new Error('Connection terminated unexpectedly'),
  /** A new connection while PostgreSQL is down. */
  connectionRefused: () =>
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      errno: -111,
      code: 'ECONNREFUSED',
      syscall: 'connect',
      address: '127.0.0.1',
      port: 5432,
    }),
  /** PostgreSQL shutting down under an open connection (SQLSTATE 57P01). */
  adminShutdown: () =>
    Object.assign(new pg.DatabaseError('terminating connection due to administrator command', 0, 'error'), { severity: 'FATAL', code: '57P01' }),
} satisfies Record<string, DatabaseFault>;

export class DatabaseOutage {
  private fault: DatabaseFault | null = null;

  constructor(database: Database) {
    if (database.kind !== 'pglite') throw new Error('DatabaseOutage works on the embedded database of a test server');
    // Every query, exec and transaction statement of PGlite goes through execProtocolStream.
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const exec = client.execProtocolStream.bind(client);
    client.execProtocolStream = (async (...args: Parameters<typeof exec>) => {
      if (this.fault) throw this.fault();
      return exec(...args);
    }) as typeof client.execProtocolStream;
  }

  /** Runs `fn` while every statement fails with `fault`; the database answers again afterwards. */
  async during<T>(fault: DatabaseFault, fn: () => Promise<T>): Promise<T> {
    this.fault = fault;
    try {
      return await fn();
    } finally {
      this.fault = null;
    }
  }
}
