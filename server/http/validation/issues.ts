// What request validation reports: one issue per failed rule, addressed by where it is in
// the request (`/query/per_page`, `/body/artists/1`), mapped to Laravel's 422 by the error
// handler.
import type { ErrorObject } from 'ajv/dist/2020.js';

export interface ValidationIssue {
  /** `/<location>/<field path>`: location is query, params, headers or body. */
  path: string;
  message: string;
  /** `<ajv keyword>.openapi.validation`, which picks the Laravel message. */
  errorCode?: string;
}

export class RequestValidationError extends Error {
  readonly status = 400;
  constructor(readonly errors: ValidationIssue[]) {
    super(errors.map((e) => `${e.path} ${e.message}`).join(', '));
  }
}

/** Ajv's errors for one part of the request, addressed under `prefix`. */
export function toIssues(prefix: string, errors: readonly ErrorObject[] | null | undefined): ValidationIssue[] {
  return (errors ?? []).map((e) => {
    const params = e.params as { missingProperty?: string; additionalProperty?: string; unevaluatedProperty?: string; allowedValues?: unknown[] };
    const child = params.missingProperty ?? params.additionalProperty ?? params.unevaluatedProperty;
    const path = child === undefined ? e.instancePath : `${e.instancePath}/${child}`;
    const message = e.keyword === 'enum' && params.allowedValues ? `${e.message}: ${params.allowedValues.join(', ')}` : (e.message ?? 'is invalid');
    return { path: `${prefix}${path}`, message, errorCode: `${e.keyword}.openapi.validation` };
  });
}
