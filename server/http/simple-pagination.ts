// Laravel's simple paginator: the page without a count (no `total`, `last_page` or `links`).
// The caller fetches one item more than the page size to learn whether a next page exists.
import { pageUrlBuilder, type PageRequest } from './pagination.js';

export interface SimplePageMeta {
  current_page: number;
  per_page: number;
  from: number | null;
  to: number | null;
  first_page_url: string;
  next_page_url: string | null;
  prev_page_url: string | null;
  path: string;
}

/** Rows fetched one past the page size: this page's rows, and whether another page follows. */
export function splitProbe<T>(probed: T[], perPage: number): { rows: T[]; hasMore: boolean } {
  return { rows: probed.slice(0, perPage), hasMore: probed.length > perPage };
}

/** `items` is this page (at most `perPage`); `hasMore` says whether another follows. */
export function buildSimplePage<T>(
  items: T[],
  hasMore: boolean,
  { page, perPage }: PageRequest,
  url: string,
  query: Record<string, string | number | undefined>,
): SimplePageMeta & { data: T[] } {
  const pageUrl = pageUrlBuilder(url, query);
  const from = items.length > 0 ? (page - 1) * perPage + 1 : null;
  return {
    current_page: page,
    data: items,
    first_page_url: pageUrl(1),
    from,
    next_page_url: hasMore ? pageUrl(page + 1) : null,
    path: url,
    per_page: perPage,
    prev_page_url: page > 1 ? pageUrl(page - 1) : null,
    to: from === null ? null : from + items.length - 1,
  };
}
