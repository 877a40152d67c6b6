// The API request path runs on Node's own request and response objects (Express serves
// only health, the spec and the docs): these are the fields its steps add to a request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperationInfo } from '../../generated/contract.js';
import type { RequestContext } from './request-context.js';

export interface ApiRequest extends IncomingMessage {
  operation: OperationInfo;
  /** Path parameters: decoded strings from the route match, coerced by validation. */
  pathParams: Record<string, unknown>;
  /** The request path without its query string, as sent (not decoded). */
  path: string;
  /** Query parameters as parsed from the URL, coerced in place by validation. */
  query: Record<string, unknown>;
  /** The parsed JSON body or multipart fields; undefined when none was sent. */
  body?: unknown;
  /** A JSON body's bytes as received (decompressed), for checks over the exact bytes (webhook signatures). */
  rawBody?: Buffer;
  cookies: Record<string, string | undefined>;
  ctx: RequestContext;
}

export type ApiResponse = ServerResponse;
export type Next = (err?: unknown) => void;
export type Step = (req: ApiRequest, res: ApiResponse, next: Next) => unknown;

/** A request header as one string (Node joins repeated ones, except a few it keeps first). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
