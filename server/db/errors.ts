// Recognising database errors the domains answer themselves, however drizzle and the
// driver (PGlite or node-postgres) wrap them.

/** The violated constraint's name when `err` is a unique violation (SQLSTATE 23505). */
export function uniqueViolation(err: unknown): { constraint: string | undefined } | undefined {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return { constraint: e.constraint };
  }
  return undefined;
}

export const isUniqueViolation = (err: unknown): boolean => uniqueViolation(err) !== undefined;
