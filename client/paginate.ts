import type { Client, ClientPathsWithMethod, MaybeOptionalInit, MethodResponse } from 'openapi-fetch';
import type { paths } from '../generated/api.js';
import { lengthAwareItems } from '../generated/pagination.js';
import { unwrap } from './errors.js';

type ApiClient = Client<paths>;
type GetPath = ClientPathsWithMethod<ApiClient, 'get'>;
type OkBody<P extends GetPath> = MethodResponse<ApiClient, 'get', P>;

/** GET paths whose 200 body is a Laravel length-aware page under `pagination`. */
/** The property of a body that holds its length-aware page (`pagination`, or `purchases` and the like). */
type PageKey<B> = { [K in keyof B]-?: NonNullable<B[K]> extends { data: unknown[]; current_page: number; last_page: number } ? K : never }[keyof B];

export type LengthAwarePath = {
  [P in GetPath]: [PageKey<OkBody<P>>] extends [never] ? never : P;
}[GetPath];

export type PageItem<P extends LengthAwarePath> = NonNullable<OkBody<P>[PageKey<OkBody<P>>]> extends { data: (infer Item)[] } ? Item : never;

export type PaginateInit<P extends LengthAwarePath> = MaybeOptionalInit<paths[P], 'get'>;

/**
 * Yields every item of a length-aware list, one page request at a time, starting at
 * `params.query.page` (default 1). Where the items sit comes from the operation's
 * `x-pagination.items` in the contract, so the walk follows the spec rather than a guess.
 * A non-2xx page throws a BeatPassError.
 */
export async function* paginate<P extends LengthAwarePath>(client: ApiClient, path: P, init?: PaginateInit<P>): AsyncGenerator<PageItem<P>, void, undefined> {
  const itemsPath = lengthAwareItemsPath(path);
  const metaPath = itemsPath.slice(0, -1);
  const baseInit = (init ?? {}) as { params?: { query?: Record<string, unknown> } & Record<string, unknown> };
  // The generic path makes openapi-fetch's overloads unresolvable here; the public signature
  // above carries the types.
  const get = client.GET as unknown as (url: string, init: unknown) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

  let page = Number(baseInit.params?.query?.page ?? 1);
  for (;;) {
    const result = await get(path, {
      ...baseInit,
      params: { ...baseInit.params, query: { ...baseInit.params?.query, page } },
    });
    const body = unwrap(result);
    const items = valueAt(body, itemsPath);
    const meta = valueAt(body, metaPath) as { current_page?: unknown; last_page?: unknown } | undefined;
    if (!Array.isArray(items) || typeof meta?.current_page !== 'number' || typeof meta.last_page !== 'number') {
      throw new TypeError(`GET ${path} did not answer a length-aware page at "${itemsPath.join('.')}"`);
    }
    // A server that ignores `page` would otherwise be walked forever.
    if (meta.current_page !== page) {
      throw new TypeError(`GET ${path} answered page ${meta.current_page} when asked for page ${page}`);
    }
    yield* items as PageItem<P>[];
    if (items.length === 0 || meta.current_page >= meta.last_page) return;
    page = meta.current_page + 1;
  }
}

function lengthAwareItemsPath(path: string): string[] {
  const items = Object.hasOwn(lengthAwareItems, path) ? lengthAwareItems[path] : undefined;
  if (items === undefined) throw new TypeError(`GET ${path} is not a length-aware paginated operation in the contract`);
  return items.split('.');
}

function valueAt(value: unknown, keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
