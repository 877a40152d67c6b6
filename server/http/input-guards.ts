// Guards for input that passes schema validation but cannot reach the database: both
// answer with the ordinary 422 instead of a database error.
import type { Step } from './api-request.js';
import { validationError, type FieldErrors } from './errors.js';

function collectNulFields(value: unknown, path: string, errors: FieldErrors, depth = 0): void {
  if (depth > 64) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) errors[path || 'body'] = [`The ${path || 'body'} field must not contain NUL characters.`];
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) collectNulFields(item, path ? `${path}.${i}` : String(i), errors, depth + 1);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) errors[field] = [`The ${field} field must not contain NUL characters.`];
      collectNulFields(item, field, errors, depth + 1);
    }
  }
}

/** PostgreSQL text cannot hold U+0000; refuse it anywhere in the query or JSON body. */
export const rejectNulCharacters: Step = (req, _res, next) => {
  const errors = Object.create(null) as FieldErrors;
  collectNulFields(req.query, '', errors);
  collectNulFields(req.body, '', errors);
  next(Object.keys(errors).length > 0 ? validationError(errors) : undefined);
};

/**
 * Number coercion turns `Infinity` and `1e400` in path and query parameters into Infinity;
 * whatever the validator makes of them, they never reach the database.
 */
export const rejectNonFiniteNumbers: Step = (req, _res, next) => {
  const errors = Object.create(null) as FieldErrors;
  for (const [field, value] of [...Object.entries(req.pathParams), ...Object.entries(req.query)]) {
    if (typeof value === 'number' && !Number.isFinite(value)) errors[field] = [`The ${field} field must be an integer.`];
  }
  next(Object.keys(errors).length > 0 ? validationError(errors) : undefined);
};
