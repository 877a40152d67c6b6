// Drizzle renders a query builder to SQL on every execution, and on the signed-in track list
// that rendering was a fifth of the server's CPU. A prepared query is rendered once per
// database connection pool and then only executed, with its parameters.
import type { Db } from './connection.js';

export function preparedPerDatabase<T>(prepare: (db: Db) => T): (db: Db) => T {
  const byDatabase = new WeakMap<Db, T>();
  return (db) => {
    let prepared = byDatabase.get(db);
    if (prepared === undefined) {
      prepared = prepare(db);
      byDatabase.set(db, prepared);
    }
    return prepared;
  };
}
