// One place turns every failure into the documented error body `{message, errors?}`:
// our own HttpErrors (request validation's 422 among them), body-parser's errors, and
// anything unexpected (500, logged with the request id).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isServiceUnavailable } from '../infra/unavailable.js';
import { validationMessage, type FieldErrors } from '../contract/responses.js';
import { sendJson } from './json-response.js';

export type { FieldErrors };

/** Seconds a client should wait before retrying after a 503 (the documented ServiceUnavailable). */
export const SERVICE_UNAVAILABLE_RETRY_AFTER = 5;

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

/** A 422 in Laravel's shape, for the request-path steps (handlers return `invalid()` instead). */
export function validationError(errors: FieldErrors): HttpError {
  return new HttpError(422, validationMessage(errors), errors);
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(new HttpError(404, 'Not found.'));

/** The Content-Encodings a JSON body may have, on every Node version (zstd only exists on some). */
export const BODY_ENCODINGS = ['identity', 'gzip', 'deflate', 'br'];
export const UNSUPPORTED_ENCODING = 'Unsupported Content-Encoding: send the body uncompressed, or as gzip, deflate or br.';

/** Answers a failed request with the documented error body (API steps and Express alike). */
export function sendError(err: unknown, req: IncomingMessage, res: ServerResponse): void {
  const e = err as { type?: string; status?: number };
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
  } else if (e.type === 'encoding.unsupported') {
    status = 415;
    body = { message: UNSUPPORTED_ENCODING };
  } else if (e.status === 415) {
    status = 415;
    body = { message: 'Unsupported media type: send application/json.' };
  } else if (e.status === 400 && e.type === undefined) {
    // body-parser gives a failed decompression (a malformed gzip, deflate or br body) status
    // 400 and no type of its own.
    status = 400;
    body = { message: 'The request body could not be decompressed: it does not match its Content-Encoding.' };
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
