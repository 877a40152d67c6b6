// One place turns every failure into the documented error body `{message, errors?}`:
// our own HttpErrors, the spec validator's issues, body-parser's errors, and
// anything unexpected (500, logged with the request id).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isServiceUnavailable } from '../infra/unavailable.js';
import { sendJson } from './json-response.js';

/** Seconds a client should wait before retrying after a 503 (the documented ServiceUnavailable). */
export const SERVICE_UNAVAILABLE_RETRY_AFTER = 5;

export type FieldErrors = Record<string, string[]>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldErrors,
    readonly headers?: Record<string, string>,
    /** Fields a status documents beyond `message`, such as 429's `retry_after`. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A 422 in Laravel's shape: `message` repeats the first field message. */
export function validationError(errors: FieldErrors): HttpError {
  const messages = Object.values(errors).flat();
  const extra = messages.length - 1;
  const message = extra > 0 ? `${messages[0]} (and ${extra} more error${extra > 1 ? 's' : ''})` : messages[0] ?? 'The given data was invalid.';
  return new HttpError(422, message, errors);
}

interface ValidatorIssue { path?: string; message?: string; errorCode?: string }
interface ValidatorError { status?: number; errors?: ValidatorIssue[]; type?: string; message?: string; path?: string }

const LOCATION = /^\/?(body|query|params|path|headers|cookies)(\/|$)/;

function fieldName(path: string | undefined): string {
  const location = LOCATION.exec(path ?? '')?.[1] ?? 'body';
  const field = (path ?? '').replace(LOCATION, '').replace(/^\//, '').replace(/\//g, '.');
  return field === '' ? location : field;
}

function laravelMessage(field: string, issue: ValidatorIssue): string {
  const keyword = issue.errorCode?.split('.')[0];
  const text = issue.message ?? 'is invalid';
  const limit = /(\d+(\.\d+)?)/.exec(text)?.[1];
  if (text.startsWith('Unknown query parameter')) return `The ${field} parameter is not allowed.`;
  switch (keyword) {
    case 'required': return `The ${field} field is required.`;
    case 'additionalProperties':
    case 'unevaluatedProperties': return `The ${field} field is not allowed.`;
    case 'minLength': return `The ${field} field must be at least ${limit} characters.`;
    case 'maxLength': return `The ${field} field must not be greater than ${limit} characters.`;
    case 'minimum': return `The ${field} field must be at least ${limit}.`;
    case 'maximum': return `The ${field} field must not be greater than ${limit}.`;
    case 'enum': return `The selected ${field} is invalid.`;
    case 'pattern': return `The ${field} field format is invalid.`;
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

/** Maps the validator's issues to Laravel's per-field messages. */
export function toFieldErrors(issues: ValidatorIssue[]): FieldErrors {
  // A null prototype: a client-sent key such as `__proto__` must stay an ordinary key.
  const errors = Object.create(null) as FieldErrors;
  for (const issue of issues) {
    const field = fieldName(issue.path);
    const list = (errors[field] ??= []);
    const message = laravelMessage(field, issue);
    if (!list.includes(message)) list.push(message);
  }
  return errors;
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(new HttpError(404, 'Not found.'));

/** Answers a failed request with the documented error body (API steps and Express alike). */
export function sendError(err: unknown, req: IncomingMessage, res: ServerResponse): void {
  const e = err as HttpError & ValidatorError;
  let status = 500;
  let body: { message: string; errors?: FieldErrors; [extra: string]: unknown } = { message: 'Server Error' };
  let headers: Record<string, string> | undefined;

  if (err instanceof HttpError) {
    status = err.status;
    body = err.errors ? { message: err.message, errors: { ...err.errors } } : { message: err.message, ...err.extra };
    headers = err.headers;
  } else if (e.type === 'entity.parse.failed') {
    status = 400;
    body = { message: 'The request body is not valid JSON.' };
  } else if (e.type === 'entity.too.large') {
    status = 413;
    body = { message: 'The request body is too large.' };
  } else if (typeof e.status === 'number' && e.status === 400 && Array.isArray(e.errors)) {
    const v = validationError(toFieldErrors(e.errors));
    status = 422;
    body = { message: v.message, errors: { ...v.errors } };
  } else if (e.status === 415) {
    status = 415;
    body = { message: 'Unsupported media type: send application/json.' };
  } else if (e.status === 404 || e.status === 405) {
    status = 404;
    body = { message: 'Not found.' };
  } else if (e.status === 416) {
    // From the file sender, for a Range outside the file: it says the file's size in
    // `Content-Range: bytes */size`, which a client needs to ask again.
    status = 416;
    body = { message: 'Requested range not satisfiable.' };
    const range = (e as { headers?: Record<string, unknown> }).headers?.['Content-Range'];
    if (typeof range === 'string') headers = { 'Content-Range': range };
  } else if (isServiceUnavailable(err)) {
    // The database is down or too slow: nothing was changed, and the client may retry.
    status = 503;
    body = { message: 'Service temporarily unavailable. Please retry shortly.' };
    headers = { 'Retry-After': String(SERVICE_UNAVAILABLE_RETRY_AFTER) };
  }

  if (status === 503) req.log?.warn({ err }, 'backing service unavailable');
  else if (status >= 500) req.log?.error({ err }, 'request failed');
  if (res.headersSent) {
    // Too late for an error body (a file was already streaming): end the response so the
    // client sees it cut off instead of waiting.
    if (!res.writableEnded) res.destroy();
    return;
  }
  if (headers) for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, body);
}

export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => sendError(err, req, res);
