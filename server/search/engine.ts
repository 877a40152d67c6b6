// The search engine seam. Handlers ask an engine for ranked ids per type and then load and
// serialize the rows themselves, so PostgreSQL (postgres-engine.ts) could be swapped for a
// dedicated engine (Meilisearch, Typesense, OpenSearch) that indexes the same documents
// without touching the routes, their access tiers or their shapes.

export const SEARCH_TYPES = ['artists', 'albums', 'tracks', 'playlists', 'users', 'tags'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export interface SearchOptions {
  /** The types to search (all of them for `GET /search`). */
  types: readonly SearchType[];
  /** At most this many ids per type. */
  limit: number;
}

/** Ids per type, best match first. */
export type RankedIds = Record<SearchType, number[]>;

export interface SearchEngine {
  /** Ranked ids per type for a free-text query; every type is present, empty when nothing matches. */
  search(query: string, options: SearchOptions): Promise<RankedIds>;
  /** Autocomplete: ranked ids of one type for what has been typed so far. */
  suggest(type: 'artists' | 'albums', query: string, limit: number): Promise<number[]>;
}

/** Longest query an engine is given (the routes refuse longer ones with 422). */
export const MAX_QUERY_LENGTH = 255;
/** Words of a query that count; the rest are ignored, so a pasted paragraph costs no more than a sentence. */
export const MAX_QUERY_WORDS = 8;

export interface ParsedQuery {
  /** The words: letters and digits only, lower-cased, NFKC-normalised. */
  words: string[];
  /** The words joined by single spaces: what names are compared with (trigrams, exact match). */
  text: string;
}

/**
 * Reduces free text to words of letters and digits. Everything else (tsquery operators
 * `& | ! ( ) :`, quotes, backslashes, LIKE wildcards `%` `_`, SQL fragments' punctuation,
 * emoji) separates words and is never passed on, so no query can be a syntax error or a
 * pattern; a query with no letter or digit has no words and matches nothing.
 */
export function parseQuery(raw: string): ParsedQuery {
  const words = (
    raw
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
    .slice(0, MAX_QUERY_WORDS)
    .map((w) => w.slice(0, 64));
  return { words, text: words.join(' ') };
}

export const emptyResults = (): RankedIds => ({ artists: [], albums: [], tracks: [], playlists: [], users: [], tags: [] });
