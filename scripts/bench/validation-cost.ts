// What validation costs per request, timed in-process on the bench's own list and show
// requests and bodies: the steady-state figure that req/s ratios between server processes
// can only approximate on a machine whose load swings by more than validation costs.
import { createPaging } from '../../server/http/pagination.js';
import { operationTable } from '../../generated/contract.js';
import type { ApiRequest } from '../../server/http/api-request.js';
import { createResponseValidatorForSpec } from '../../server/http/validator.js';
import { compileRequestValidators } from '../../server/http/validation/request.js';
import { loadSpec } from '../../server/http/validation/spec-schemas.js';
import { listBody, showBody } from './memory-data.js';

const WARM_CALLS = 20_000;
const TIMED_CALLS = 100_000;

function microsPerCall(call: () => void): number {
  for (let i = 0; i < WARM_CALLS; i++) call();
  const start = process.hrtime.bigint();
  for (let i = 0; i < TIMED_CALLS; i++) call();
  return Number(process.hrtime.bigint() - start) / TIMED_CALLS / 1000;
}

export interface ValidationCost {
  request: number;
  response: number;
}

export function measureValidationCost(): Record<'list' | 'show', ValidationCost> {
  const validators = compileRequestValidators(loadSpec(), Object.values(operationTable));
  const validateResponse = createResponseValidatorForSpec();
  // A request as the pipeline hands it to validation; query and params are coerced in place, so each call gets fresh ones.
  const request = (operationId: 'listTracks' | 'getTrack', pathParams: Record<string, string>, query: Record<string, string>) =>
    ({ operation: operationTable[operationId], pathParams: { ...pathParams }, query: { ...query }, headers: {} }) as unknown as ApiRequest;
  const list = listBody(createPaging(operationTable.listTracks.pagination!.perPage!, { page: 1, per_page: 15 }, 'http://127.0.0.1:3000/api/v1/tracks'));
  const show = showBody(42)!;
  return {
    list: {
      request: microsPerCall(() => validators.get('listTracks')!(request('listTracks', {}, { page: '1', per_page: '15' }))),
      response: microsPerCall(() => validateResponse('listTracks', 200, list)),
    },
    show: {
      request: microsPerCall(() => validators.get('getTrack')!(request('getTrack', { track_id: '42' }, {}))),
      response: microsPerCall(() => validateResponse('getTrack', 200, show)),
    },
  };
}
