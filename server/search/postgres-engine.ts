// Search on PostgreSQL (and PGlite, which runs the same SQL): full-text search on weighted
// generated tsvector columns (names weight A, descriptions and bios B; migration 0014) with
// prefix matching for the words being typed, then pg_trgm similarity on the names for typos.
// Every statement starts from an index (`@@` on the tsvector GIN index, `%` and `<%` on the
// trigram GIN index) and ranks only the rows it found, never the whole table; the full rank
// (regular expressions, similarities) runs on a pool cut by a cheap rank first. Measured with
// `SCENARIOS=search npm run bench` (README, "Search").
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { emptyResults, parseQuery, type ParsedQuery, type RankedIds, type SearchEngine, type SearchOptions, type SearchType } from './engine.js';

interface Searchable {
  table: string;
  /** Name columns: matched by trigrams, and an exact name match ranks first. */
  names: string[];
  /** Whether the table has a weighted `search` tsvector (tags are a bare name). */
  document: boolean;
  /** SQL (on alias `t`) that found rows must satisfy: private playlists and disabled accounts are never found. */
  visible?: string;
  /** Tie-break among equally good matches, most popular first. */
  popularity?: string;
}

const SEARCHABLE: Record<SearchType, Searchable> = {
  artists: { table: 'artists', names: ['name'], document: true },
  albums: { table: 'albums', names: ['name'], document: true },
  tracks: { table: 'tracks', names: ['name'], document: true, popularity: 'plays' },
  playlists: { table: 'playlists', names: ['name'], document: true, visible: 't.public' },
  users: { table: 'users', names: ['display_name', 'username'], document: true, visible: 't.disabled_at is null' },
  tags: { table: 'tags', names: ['name'], document: false },
};

/**
 * Trigrams need three characters to say anything, and a shorter query would make `%` scan
 * most of the index; below this length only full-text (prefix) matching runs.
 */
const MIN_TRIGRAM_LENGTH = 3;

/**
 * `word:*` for every word: each word may be the start of a longer one ("midn" finds
 * "Midnight"). `namesOnly` adds the weight label A, so only words of the name match (the
 * same GIN index answers it).
 */
function prefixQuery(words: string[], namesOnly: boolean): string {
  // Words hold letters and digits only (parseQuery), so this is always a valid tsquery.
  return words.map((w) => `${w}:*${namesOnly ? 'A' : ''}`).join(' & ');
}

/** Full-text matches ranked in full; the rest of the matches are cut by a cheap rank first. */
const FULL_TEXT_POOL = 200;

const column = (name: string) => sql.raw(`t.${name}`);
/** The name as words (punctuation dropped, lower case), to compare with the query's words. */
const normalised = (n: string) => sql`trim(regexp_replace(lower(${column(n)}), '[^[:alnum:]]+', ' ', 'g'))`;

/** Closeness of spelling, 0..2: to some part of the name (typos), plus to the whole name (the shortest containing name wins). */
function spelling(spec: Searchable, text: SQL): SQL {
  const best = (f: (n: string) => SQL) => sql`greatest(${sql.join(spec.names.map(f), sql`, `)})`;
  return sql`(${best((n) => sql`word_similarity(${text}, ${column(n)})`)} + ${best((n) => sql`similarity(${column(n)}, ${text})`)})`;
}

/**
 * Phase 1, literal matches: every word of the query, the last ones possibly unfinished
 * (`@@` on the tsvector GIN index; tags have no document and match by name prefix). The
 * matches are cut to the FULL_TEXT_POOL best by an exact name and `ts_rank` (names weigh A
 * 1.0, descriptions B 0.4), then ranked: exact name, name starting with the query, rank,
 * spelling closeness; ties go to the most popular.
 */
function literalStatement(spec: Searchable, query: ParsedQuery, limit: number, namesOnly: boolean): SQL {
  const text = sql`${query.text}::text`;
  const tsquery = sql`to_tsquery('simple', ${prefixQuery(query.words, namesOnly)})`;
  const exact = sql.join(
    spec.names.map((n) => sql`lower(${column(n)}) = ${text}`),
    sql` or `,
  );
  const match = spec.document
    ? sql`t.search @@ ${tsquery}`
    : sql.join(
        spec.names.map((n) => sql`lower(${column(n)}) like ${`${query.text}%`}`),
        sql` or `,
      );
  const filter = spec.visible ? sql` and (${sql.raw(spec.visible)})` : sql``;
  const rank = spec.document ? sql`ts_rank(t.search, ${tsquery})` : sql`0`;
  const popularity = spec.popularity ? sql`, ${column(spec.popularity)} desc` : sql``;
  const nameScore = sql.join(
    spec.names.map((n) => sql`(case when ${normalised(n)} = ${text} then 10 when ${normalised(n)} like ${`${query.text}%`} then 2 else 0 end)`),
    sql` + `,
  );
  return sql`select t.id from (
      select t.* from ${sql.raw(spec.table)} t where (${match})${filter}
      order by (${exact}) desc${spec.document ? sql`, ${rank} desc` : sql``}${popularity}, t.id desc limit ${FULL_TEXT_POOL}
    ) t
    order by (${nameScore} + 2 * ${rank} + ${spelling(spec, text)}) desc${popularity}, t.id desc
    limit ${limit}`;
}

/**
 * Phase 2, typos, when phase 1 found nothing: names whose trigrams are close to the query's
 * (`%`: similarity ≥ 0.3, `<%`: some part of the name ≥ 0.6; both on the trigram GIN index),
 * ranked by spelling closeness.
 */
function fuzzyStatement(spec: Searchable, query: ParsedQuery, limit: number): SQL {
  const text = sql`${query.text}::text`;
  const match = sql.join(
    spec.names.map((n) => sql`${column(n)} % ${text} or ${text} <% ${column(n)}`),
    sql` or `,
  );
  const filter = spec.visible ? sql` and (${sql.raw(spec.visible)})` : sql``;
  const popularity = spec.popularity ? sql`, ${column(spec.popularity)} desc` : sql``;
  return sql`select t.id from ${sql.raw(spec.table)} t
    where (${match})${filter}
    order by ${spelling(spec, text)} desc${popularity}, t.id desc
    limit ${limit}`;
}

async function idsOf(db: Db, statement: SQL): Promise<number[]> {
  // node-postgres and PGlite's drizzle drivers both answer a result object with `rows`.
  const result = (await db.execute(statement)) as unknown as { rows: { id: number }[] };
  return result.rows.map((r) => Number(r.id));
}

async function rankedIds(db: Db, type: SearchType, query: ParsedQuery, limit: number, namesOnly = false): Promise<number[]> {
  const spec = SEARCHABLE[type];
  const literal = await idsOf(db, literalStatement(spec, query, limit, namesOnly));
  // Typo tolerance runs only when nothing matches as typed: a query whose words match is not
  // diluted with look-alikes (an exact title stays alone at the top), and the common case
  // costs one statement. Trigram candidates of a long query can number thousands of rows.
  if (literal.length > 0 || query.text.length < MIN_TRIGRAM_LENGTH) return literal;
  return idsOf(db, fuzzyStatement(spec, query, limit));
}

export function createPostgresSearchEngine(db: Db): SearchEngine {
  return {
    async search(raw: string, options: SearchOptions): Promise<RankedIds> {
      const query = parseQuery(raw);
      const results = emptyResults();
      if (query.words.length === 0 || options.limit <= 0) return results;
      const lists = await Promise.all(options.types.map((type) => rankedIds(db, type, query, options.limit)));
      options.types.forEach((type, i) => {
        results[type] = lists[i]!;
      });
      return results;
    },
    async suggest(type, raw, limit) {
      const query = parseQuery(raw);
      if (query.words.length === 0) return [];
      // An autocomplete completes names: a word in a bio or description does not count.
      return rankedIds(db, type, query, limit, true);
    },
  };
}
