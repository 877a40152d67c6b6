import { describe, expect, it } from 'vitest';
import { operationTable } from '../../generated/contract.js';
import { createPaging } from './pagination.js';

const URL = 'http://127.0.0.1:3000/api/v1/albums';

describe('the page a list request gets', () => {
  it("takes its default size from the operation's x-pagination, so changing the spec changes it", () => {
    const sizes = operationTable.listArtistAlbums.pagination!.perPage!;
    expect(createPaging(sizes, {}, URL).perPage).toBe(sizes.default);
    // The same request under a spec that declared another default:
    expect(createPaging({ ...sizes, default: 7 }, {}, URL).perPage).toBe(7);
    expect(createPaging({ ...sizes, default: 7 }, {}, URL).lengthAware([], 0).per_page).toBe(7);
  });

  it('takes per_page, or the older perPage, over the default, and never more than the maximum', () => {
    const sizes = { default: 15, maximum: 100 };
    expect(createPaging(sizes, { per_page: 40 }, URL).perPage).toBe(40);
    expect(createPaging(sizes, { perPage: 40 }, URL).perPage).toBe(40);
    expect(createPaging(sizes, { per_page: 20, perPage: 40 }, URL).perPage).toBe(20);
    expect(createPaging(sizes, { per_page: 1_000 }, URL).perPage).toBe(100);
  });

  it('knows its offset, and builds a simple page from one row more than it shows', () => {
    const paging = createPaging({ default: 2, maximum: 10 }, { page: 3 }, URL);
    expect(paging).toMatchObject({ page: 3, perPage: 2, offset: 4, probeSize: 3 });
    expect(paging.simple(['e', 'f', 'g'])).toMatchObject({ data: ['e', 'f'], next_page_url: `${URL}?page=4`, from: 5, to: 6 });
    expect(paging.simple(['e'])).toMatchObject({ data: ['e'], next_page_url: null });
  });

  it('links keep the filters given and per_page as sent', () => {
    const paging = createPaging({ default: 15, maximum: 500 }, { perPage: 5 }, URL);
    expect(paging.lengthAware([1], 12, { query: 'dark' }).next_page_url).toBe(`${URL}?query=dark&per_page=5&page=2`);
  });
});
