// The same search on PostgreSQL: migration 0014 creates pg_trgm there (PGlite loads it in
// server/db/connection.ts), and typo tolerance, prefixes and exact titles rank the same.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';
import { postgresAvailable } from '../../support/postgres.js';

const available = await postgresAvailable();

describe.runIf(available)('search on PostgreSQL', () => {
  const t = useTestServer({ postgres: { tracks: 20, poolSize: 4 } });

  beforeAll(async () => {
    await t.server.rows(sql`insert into artists (name) values ('Quorbanite Felspar')`);
    await t.server.rows(sql`insert into tracks (name, duration_ms, bpm, key, scale, licensing_type, plays)
      values ('Harrowgate Lullaby', 120000, 120, 'C', 'minor', 'non_exclusive_only', 0),
             ('Harrowgate Lullaby Reprise', 120000, 120, 'C', 'minor', 'non_exclusive_only', 900)`);
  });

  it('has pg_trgm, finds a misspelled artist, a partial word, and ranks the exact title first', async () => {
    const [extension] = await t.server.rows<{ n: number }>(sql`select count(*)::int as n from pg_extension where extname = 'pg_trgm'`);
    expect(extension!.n).toBe(1);
    const typo = await t.as.anonymous.call('search', { query: { query: 'Quorbanit Felspaar' } });
    expectStatus(typo, 200);
    expect(typo.body.results.artists.map((a) => a.name)).toEqual(['Quorbanite Felspar']);
    const partial = await t.as.anonymous.call('search', { query: { query: 'harrowg' } });
    expectStatus(partial, 200);
    expect(partial.body.results.tracks.map((x) => x.name).sort()).toEqual(['Harrowgate Lullaby', 'Harrowgate Lullaby Reprise']);
    const exact = await t.as.anonymous.call('search', { query: { query: 'harrowgate lullaby' } });
    expectStatus(exact, 200);
    expect(exact.body.results.tracks[0]!.name).toBe('Harrowgate Lullaby');
    const hostile = await t.as.anonymous.call('search', { query: { query: "a & | ! ( '\\ %_ 🎵" } });
    expectStatus(hostile, 200);
  });
});
