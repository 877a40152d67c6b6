// API requests are served straight from Node's request listener: the operation is found
// once, then the fixed steps run in order. Express's router and its request/response
// prototypes cost more per request than this whole path (issue 5's bench), so Express only
// sees what is not an operation: health, readiness, the spec, the docs and the 404.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { ApiRequest, Step } from './api-request.js';
import { HttpError, sendError } from './errors.js';
import type { OperationInfo } from '../../generated/contract.js';
import { findOperation, methodsAt } from './route-matching.js';

function runSteps(steps: readonly Step[], req: ApiRequest, res: ServerResponse) {
  let index = 0;
  const next = (err?: unknown) => {
    // The last step always answers; running past it would mean a step forgot to.
    if (err || index >= steps.length) return sendError(err ?? new HttpError(404, 'Not found.'), req, res);
    const step = steps[index++]!;
    try {
      const result = step(req, res, next);
      if (result instanceof Promise) result.catch(next);
    } catch (stepError) {
      sendError(stepError, req, res);
    }
  };
  next();
}

/** The path of a request target (origin or absolute form), undecoded; undefined when it has none. */
export const targetPath = (target = '/'): string | undefined => splitTarget(target)?.path;

/** Path and query string of a request target, in origin form or (from a proxy) absolute form. */
function splitTarget(target: string): { path: string; search: string } | undefined {
  if (!target.startsWith('/')) {
    try {
      const url = new URL(target);
      return { path: url.pathname, search: url.search.slice(1) };
    } catch {
      return undefined;
    }
  }
  const hash = target.indexOf('#');
  const url = hash < 0 ? target : target.slice(0, hash);
  const question = url.indexOf('?');
  return question < 0 ? { path: url, search: '' } : { path: url.slice(0, question), search: url.slice(question + 1) };
}

function defineOwn<K extends keyof ApiRequest>(req: ApiRequest, name: K, value: ApiRequest[K]): void {
  Object.defineProperty(req, name, { value, writable: true, enumerable: true, configurable: true });
}

/** Where a request goes, when its path is one of the spec's. */
export interface PipelineMatch {
  path: string;
  search: string;
  /** The operation of the request's method; undefined for a method the path lacks (405). */
  operation?: OperationInfo;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  /** The path does not decode, or decodes to a NUL (which no stored name can contain): 404. */
  addressesNothing?: boolean;
}

export interface OperationPipeline {
  /** The spec's path a request names, or undefined (untouched) for any other path. */
  match(req: IncomingMessage): PipelineMatch | undefined;
  /** Answers a matched request: its operation's steps, or the 404 or 405 it gets instead. */
  serve(req: IncomingMessage, res: ServerResponse, match: PipelineMatch): void;
}

/** Runs `steps` for requests to operations of the spec; the route is found once, by `match`. */
export function operationPipeline(steps: readonly Step[]): OperationPipeline {
  return {
    match(req) {
      const target = splitTarget(req.url ?? '/');
      if (!target) return undefined;
      let decoded: string | undefined;
      try {
        decoded = decodeURIComponent(target.path);
      } catch {
        decoded = undefined;
      }
      if (decoded === undefined || decoded.includes('\u0000')) {
        return methodsAt(target.path) ? { ...target, params: {}, addressesNothing: true } : undefined;
      }
      const { operation, pathKnown, params } = findOperation(req.method ?? 'GET', target.path);
      return pathKnown ? { ...target, operation, params } : undefined;
    },
    serve(incoming, res, match) {
      const req = incoming as ApiRequest;
      if (match.addressesNothing) return sendError(new HttpError(404, 'Not found.'), req, res);
      if (!match.operation) return sendError(new HttpError(405, 'Method not allowed.'), req, res);
      req.operation = match.operation;
      req.pathParams = match.params;
      // Own properties: mounted in Express, the request's prototype has getters by these names.
      defineOwn(req, 'path', match.path);
      // The same parser as Express's default ("simple") query parser.
      defineOwn(req, 'query', parseQuery(match.search) as Record<string, unknown>);
      runSteps(steps, req, res);
    },
  };
}
