// Response validation: every JSON body a handler returns is checked against the schema the
// spec declares for its status, before it is sent. A mismatch is a bug in the server, so it
// becomes a 500 (and a log line naming the problem), never a response that breaks clients.
// Validators are compiled on first use per operation and status, so start-up stays fast.
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { toIssues, type ValidationIssue } from './issues.js';
import { createAjv, deref, prepareSchema, type OpenApiDocument, type OpenApiOperation, type OpenApiResponse } from './spec-schemas.js';

export class ResponseValidationError extends Error {
  readonly status = 500;
  constructor(
    readonly operationId: string,
    readonly responseStatus: number,
    readonly errors: ValidationIssue[],
  ) {
    super(`Response ${responseStatus} of ${operationId} does not match the spec: ${errors.map((e) => `${e.path} ${e.message}`).join(', ')}`);
  }
}

export type ResponseValidator = (operationId: string, status: number, body: unknown) => void;

export function createResponseValidator(spec: OpenApiDocument, operations: Iterable<{ operationId: string; path: string; method: string }>): ResponseValidator {
  // The first mismatch is enough to refuse a response; collecting every one would make each
  // failing `oneOf` branch (the other access tier) check all of its properties.
  const ajv = createAjv(spec, { coerceTypes: false, useDefaults: false, allErrors: false });
  const responsesByOperation = new Map<string, Record<string, OpenApiResponse | { $ref: string }>>();
  for (const { operationId, path, method } of operations) {
    const operation = spec.paths[path]?.[method.toLowerCase()] as OpenApiOperation | undefined;
    if (operation) responsesByOperation.set(operationId, operation.responses);
  }
  // operationId → status → validator (null: the status declares no JSON body).
  const compiled = new Map<string, Map<number, ValidateFunction | null>>();

  function validatorFor(operationId: string, status: number): ValidateFunction | null | undefined {
    let byStatus = compiled.get(operationId);
    if (!byStatus) {
      byStatus = new Map();
      compiled.set(operationId, byStatus);
    }
    if (byStatus.has(status)) return byStatus.get(status);
    const declared = responsesByOperation.get(operationId)?.[String(status)];
    if (!declared) return undefined;
    const schema = deref<OpenApiResponse>(spec, declared).content?.['application/json']?.schema;
    const validate = schema ? ajv.compile(prepareSchema(schema)) : null;
    byStatus.set(status, validate);
    return validate;
  }

  return (operationId, status, body) => {
    const validate = validatorFor(operationId, status);
    if (validate === undefined) {
      throw new ResponseValidationError(operationId, status, [{ path: '/response', message: `no schema defined for status code '${status}'` }]);
    }
    if (validate === null) {
      if (body === undefined) return;
      throw new ResponseValidationError(operationId, status, [{ path: '/response', message: 'a body was sent for a status that declares none' }]);
    }
    if (!validate(body)) throw new ResponseValidationError(operationId, status, toIssues('/response', validate.errors));
  };
}
