// What every response of the API gets before its operation runs: security headers, a request
// id and log line, and CORS (preflights are answered here). Shared by the sandbox, its Express
// mount and the mock, so a browser app sees the same headers from each.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { createCorsPolicy } from './cors.js';
import type { OperationPipeline } from './pipeline.js';
import { requestLogging } from './request-logging.js';

/** On every response, start-up 503s included. */
export const SECURITY_HEADERS = [
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
] as const;

export interface ApiFront {
  /** Security headers, logging and CORS, as every response gets them; true when a preflight was answered. */
  prepare(req: IncomingMessage, res: ServerResponse, path: string): boolean;
  /** Answers a request for a path of the spec; false, untouched, for any other. */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
}

export function createApiFront(pipeline: OperationPipeline, options: { logger: Logger; corsOrigins?: readonly string[] }): ApiFront {
  const logRequest = requestLogging(options.logger);
  const applyCors = createCorsPolicy(options.corsOrigins ?? []);
  const prepare = (req: IncomingMessage, res: ServerResponse, path: string) => {
    for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
    logRequest(req, res);
    return applyCors(req, res, path);
  };
  return {
    prepare,
    serve(req, res) {
      const match = pipeline.match(req);
      if (!match) return false;
      if (!prepare(req, res, match.path)) pipeline.serve(req, res, match);
      return true;
    },
  };
}
