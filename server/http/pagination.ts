// Laravel's length-aware paginator, field for field, so page objects look exactly like
// BeatPass's. Links keep the request's other query parameters so they can be followed as-is.
import type { components } from '../../generated/api.js';

type PageMeta = components['schemas']['LengthAwarePage'];

export interface PageRequest { page: number; perPage: number }

interface PagingQuery { page?: number; per_page?: number; perPage?: number }

/**
 * The page a list request asks for: `per_page`, or BeatPass's older `perPage`, else the list's
 * default. Number(): the bench runs list reads with request validation (and its coercion) off.
 */
export function pageRequest(query: PagingQuery, defaultPerPage: number): PageRequest {
  return { page: Number(query.page ?? 1), perPage: Number(query.per_page ?? query.perPage ?? defaultPerPage) };
}

/** The paging parameters page links carry over. */
export const pagingLinkQuery = (query: PagingQuery) => ({ per_page: query.per_page ?? query.perPage });

/** Builds a page's URL from the list's URL, keeping the request's other query parameters. */
export function pageUrlBuilder(url: string, query: Record<string, string | number | undefined>): (page: number) => string {
  return (page) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && key !== 'page') params.set(key, String(value));
    }
    params.set('page', String(page));
    return `${url}?${params.toString()}`;
  };
}

export function buildPage<T>(
  items: T[],
  total: number,
  { page, perPage }: PageRequest,
  url: string,
  query: Record<string, string | number | undefined>,
): PageMeta & { data: T[] } {
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const pageUrl = pageUrlBuilder(url, query);
  const from = items.length > 0 ? (page - 1) * perPage + 1 : null;
  const to = from === null ? null : from + items.length - 1;

  const links: PageMeta['links'] = [{ url: page > 1 ? pageUrl(page - 1) : null, label: '&laquo; Previous', active: false }];
  const window = new Set([1, lastPage]);
  for (let n = page - 2; n <= page + 2; n++) if (n >= 1 && n <= lastPage) window.add(n);
  let previous = 0;
  for (const n of [...window].sort((a, b) => a - b)) {
    if (n - previous > 1) links.push({ url: null, label: '...', active: false });
    links.push({ url: pageUrl(n), label: String(n), active: n === page });
    previous = n;
  }
  links.push({ url: page < lastPage ? pageUrl(page + 1) : null, label: 'Next &raquo;', active: false });

  return {
    current_page: page,
    data: items,
    first_page_url: pageUrl(1),
    from,
    last_page: lastPage,
    last_page_url: pageUrl(lastPage),
    links,
    next_page_url: page < lastPage ? pageUrl(page + 1) : null,
    path: url,
    per_page: perPage,
    prev_page_url: page > 1 ? pageUrl(page - 1) : null,
    to,
    total,
  };
}
