// Page sizes are said once, in the spec's `x-pagination.per_page`, and the server reads them
// from the operation table: here the table is generated from a spec whose listAlbums default
// differs, and the real server, unchanged, pages by it.
import { describe, expect, it, vi } from 'vitest';
import { operationTable } from '../../../generated/contract.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';

// vi.mock runs before the imports, so its value is hoisted with it.
const { FIXTURE_DEFAULT } = vi.hoisted(() => ({ FIXTURE_DEFAULT: 7 }));

vi.mock('../../../generated/contract.js', async (importOriginal) => {
  const generated = await importOriginal<typeof import('../../../generated/contract.js')>();
  const listAlbums = generated.operationTable.listAlbums;
  const pagination = { ...listAlbums.pagination!, perPage: { ...listAlbums.pagination!.perPage!, default: FIXTURE_DEFAULT } };
  return { ...generated, operationTable: { ...generated.operationTable, listAlbums: { ...listAlbums, pagination } } };
});

const t = useTestServer();

describe('page sizes from the spec', () => {
  it('pages a list by the default its spec declares, with no code change', async () => {
    expect(operationTable.listAlbums.pagination?.perPage?.default).toBe(FIXTURE_DEFAULT);
    const reply = await t.as.anonymous.call('listAlbums');
    expectStatus(reply, 200);
    expect(reply.body.pagination.per_page).toBe(FIXTURE_DEFAULT);
    expect(reply.body.pagination.data).toHaveLength(FIXTURE_DEFAULT);
  });

  it('pages the other lists by their own declared defaults', async () => {
    const reply = await t.as.anonymous.call('listTracks');
    expectStatus(reply, 200);
    expect(reply.body.pagination.per_page).toBe(operationTable.listTracks.pagination?.perPage?.default);
    expect(reply.body.pagination.per_page).toBe(15);
  });
});
