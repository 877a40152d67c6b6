// Validation against the bundled spec, compiled once per operation at start-up: requests
// always (multipart bodies streamed to disk first), responses when configured (on in
// development and tests; production decides with VALIDATE_RESPONSES). Security is enforced
// by our own step, which knows sessions and tokens.
import { operationTable } from '../../generated/contract.js';
import type { Step } from './api-request.js';
import { createMultipartParser } from './validation/multipart.js';
import { compileRequestValidators, parametersOf } from './validation/request.js';
import { createResponseValidator, type ResponseValidator } from './validation/response.js';
import { loadSpec, type OpenApiOperation } from './validation/spec-schemas.js';

export { bundledSpecPath } from './validation/spec-schemas.js';

const operations = Object.values(operationTable);
const spec = loadSpec();

/**
 * Without request validation (the bench's baseline, to measure what validation costs) integer
 * path and query parameters are still converted, so handlers see the types the contract
 * promises in either mode and never re-parse.
 */
function integerParameters(): Map<string, { path: string[]; query: string[] }> {
  const byOperation = new Map<string, { path: string[]; query: string[] }>();
  for (const op of operations) {
    const operation = spec.paths[op.path]?.[op.method.toLowerCase()] as OpenApiOperation;
    const integers = parametersOf(spec, op.path, operation).filter((p) => p.schema?.type === 'integer');
    byOperation.set(op.operationId, {
      path: integers.filter((p) => p.in === 'path').map((p) => p.name),
      query: integers.filter((p) => p.in === 'query').map((p) => p.name),
    });
  }
  return byOperation;
}

export function createRequestValidator(options: {
  validateRequests: boolean;
  /** Where multipart files are streamed while the request is handled, and their size limit. */
  uploads: { tempDir: string; maxBytes: number };
}): Step {
  const parseMultipart = createMultipartParser(options.uploads);
  const isMultipart = (contentType: string | undefined) => contentType?.toLowerCase().startsWith('multipart/form-data') === true;

  if (!options.validateRequests) {
    const integers = integerParameters();
    return async (req, res, next) => {
      try {
        if (req.operation.hasMultipartBody && isMultipart(req.headers['content-type'])) await parseMultipart(req, res);
        const { path, query } = integers.get(req.operation.operationId)!;
        for (const name of path) req.pathParams[name] = Number(req.pathParams[name]);
        for (const name of query) if (req.query[name] !== undefined) req.query[name] = Number(req.query[name]);
        next();
      } catch (err) {
        next(err);
      }
    };
  }

  const validators = compileRequestValidators(spec, operations);
  return (req, res, next) => {
    const validate = validators.get(req.operation.operationId)!;
    if (req.operation.hasMultipartBody && isMultipart(req.headers['content-type'])) {
      parseMultipart(req, res)
        .then(() => validate(req))
        .then(() => next(), next);
      return;
    }
    try {
      validate(req);
      next();
    } catch (err) {
      next(err);
    }
  };
}

export function createResponseValidatorForSpec(): ResponseValidator {
  return createResponseValidator(spec, operations);
}
