// What request validation reports: one issue per failed rule, addressed by where it is in
// the request (`/query/per_page`, `/body/artists/1`), and the 422 it becomes, with
// Laravel's per-field messages.
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { FieldErrors } from '../../contract/responses.js';
import { type HttpError, validationError } from '../errors.js';

export interface ValidationIssue {
  /** `/<location>/<field path>`: location is query, params, headers or body. */
  path: string;
  message: string;
  /** `<ajv keyword>.openapi.validation`, which picks the Laravel message. */
  errorCode?: string;
}

const LOCATION = /^\/?(body|query|params|path|headers|cookies)(\/|$)/;

/**
 * The spec bounds error messages (`maxLength`) and the messages per field (`maxItems`). A
 * field name comes from the client (an unknown body key, an undeclared query parameter), so a
 * message repeats at most this much of it; the key in `errors` stays whole.
 */
const MAX_FIELD_IN_MESSAGE = 200;
const MAX_MESSAGES_PER_FIELD = 10;

const shown = (field: string): string => (field.length > MAX_FIELD_IN_MESSAGE ? `${field.slice(0, MAX_FIELD_IN_MESSAGE)}…` : field);

function fieldName(path: string): string {
  const location = LOCATION.exec(path)?.[1] ?? 'body';
  const field = path.replace(LOCATION, '').replace(/^\//, '').replace(/\//g, '.');
  return field === '' ? location : field;
}

function laravelMessage(field: string, issue: ValidationIssue): string {
  const keyword = issue.errorCode?.split('.')[0];
  const text = issue.message;
  const limit = /(\d+(\.\d+)?)/.exec(text)?.[1];
  if (text.startsWith('Unknown query parameter')) return `The ${field} parameter is not allowed.`;
  switch (keyword) {
    case 'required':
      return `The ${field} field is required.`;
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return `The ${field} field is not allowed.`;
    case 'minLength':
      return `The ${field} field must be at least ${limit} characters.`;
    case 'maxLength':
      return `The ${field} field must not be greater than ${limit} characters.`;
    case 'minimum':
      return `The ${field} field must be at least ${limit}.`;
    case 'maximum':
      return `The ${field} field must not be greater than ${limit}.`;
    case 'enum':
      return `The selected ${field} is invalid.`;
    case 'pattern':
      return `The ${field} field format is invalid.`;
    case 'format':
      return text.includes('"email"') ? `The ${field} field must be a valid email address.` : `The ${field} field format is invalid.`;
    case 'type':
      if (text.includes('integer')) return `The ${field} field must be an integer.`;
      if (text.includes('boolean')) return `The ${field} field must be true or false.`;
      if (text.includes('string')) return `The ${field} field must be a string.`;
      if (text.includes('object')) return `The ${field} field must be an object.`;
      return `The ${field} field ${text}.`;
    default:
      return `The ${field} field ${text}.`;
  }
}

/** Maps validation issues to Laravel's per-field messages. */
export function toFieldErrors(issues: readonly ValidationIssue[]): FieldErrors {
  // A null prototype: a client-sent key such as `__proto__` must stay an ordinary key.
  const errors = Object.create(null) as FieldErrors;
  for (const issue of issues) {
    const field = fieldName(issue.path);
    errors[field] ??= [];
    const list = errors[field];
    const message = laravelMessage(shown(field), issue);
    if (!list.includes(message) && list.length < MAX_MESSAGES_PER_FIELD) list.push(message);
  }
  return errors;
}

/** The 422 a failed request validation answers with. */
export function requestInvalid(issues: readonly ValidationIssue[]): HttpError {
  return validationError(toFieldErrors(issues));
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
