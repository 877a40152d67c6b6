// Laravel's paginators, field for field, so page objects look exactly like BeatPass's: the
// length-aware page (with `total`, `last_page` and `links`) and the simple page (only
// whether a next page exists). Page sizes come from the operation's `x-pagination.per_page`
// in the spec (the operation table); handlers receive a ready `Paging` and never choose one.
import type { components } from '../../generated/api.js';
import type { PageSizes } from '../contract/operation-info.js';

type LengthAwareMeta = components['schemas']['LengthAwarePage'];

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

export type LengthAwarePage<T> = LengthAwareMeta & { data: T[] };
export type SimplePage<T> = SimplePageMeta & { data: T[] };

/** Query parameters page links carry over (besides `page` and `per_page`); undefined ones are left out. */
export type LinkQuery = Record<string, string | number | undefined>;

/** The page a list request asks for. */
export interface PageRequest {
  readonly page: number;
  readonly perPage: number;
  /** Rows before this page: `(page - 1) * perPage`. */
  readonly offset: number;
}

/** What a repository needs to fetch a simple page: its rows and one more. */
export type ProbeRequest = Pick<Paging, 'offset' | 'probeSize'>;

/** A list request's page, and the page objects built from what the repository found. */
export interface Paging extends PageRequest {
  /** Laravel's length-aware page: this page's `items` out of `total`; links keep `filters`. */
  lengthAware<T>(items: T[], total: number, filters?: LinkQuery): LengthAwarePage<T>;
  /**
   * Laravel's simple page from rows fetched one past the page size (`probeSize`): the extra
   * row only says that another page follows.
   */
  simple<T>(probed: T[], filters?: LinkQuery): SimplePage<T>;
  /** How many rows to fetch for a simple page. */
  readonly probeSize: number;
}

/** The paging parameters of a list request, already validated and coerced. */
export interface PagingQuery {
  page?: number;
  per_page?: number;
  /** BeatPass's older spelling of `per_page`; `per_page` wins when both are sent. */
  perPage?: number;
}

/** Builds a page's URL from the list's URL, keeping the request's other query parameters. */
function pageUrlBuilder(url: string, query: LinkQuery): (page: number) => string {
  return (page) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && key !== 'page') params.set(key, String(value));
    }
    params.set('page', String(page));
    return `${url}?${params.toString()}`;
  };
}

function lengthAwarePage<T>(items: T[], total: number, { page, perPage }: PageRequest, url: string, query: LinkQuery): LengthAwarePage<T> {
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const pageUrl = pageUrlBuilder(url, query);
  const from = items.length > 0 ? (page - 1) * perPage + 1 : null;
  const to = from === null ? null : from + items.length - 1;

  const links: LengthAwareMeta['links'] = [{ url: page > 1 ? pageUrl(page - 1) : null, label: '&laquo; Previous', active: false }];
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

function simplePage<T>(items: T[], hasMore: boolean, { page, perPage }: PageRequest, url: string, query: LinkQuery): SimplePage<T> {
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

/**
 * The paging of one list request: `per_page` (or `perPage`), else the operation's default
 * size, never above its maximum; page links go to `url` and carry the filters given and
 * `per_page` as sent.
 */
export function createPaging(sizes: PageSizes, query: PagingQuery, url: string): Paging {
  const requested = query.per_page ?? query.perPage;
  const perPage = Math.min(requested ?? sizes.default, sizes.maximum);
  const page = query.page ?? 1;
  const request: PageRequest = { page, perPage, offset: (page - 1) * perPage };
  const links = (filters?: LinkQuery): LinkQuery => ({ ...filters, per_page: requested });
  return {
    ...request,
    probeSize: perPage + 1,
    lengthAware: (items, total, filters) => lengthAwarePage(items, total, request, url, links(filters)),
    simple: (probed, filters) => simplePage(probed.slice(0, perPage), probed.length > perPage, request, url, links(filters)),
  };
}
