// API requests are served straight from Node's request listener: the operation is found
// once, then the fixed steps run in order. Express's router and its request/response
// prototypes cost more per request than this whole path (issue 5's bench), so Express only
// sees what is not an operation: health, readiness, the spec, the docs and the 404.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { ApiRequest, Step } from './api-request.js';
import { HttpError, sendError } from './errors.js';
import { findOperation } from './route-matching.js';

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

/**
 * Answers a request for an operation of the spec by running `steps` for it, and returns
 * false, untouched, for any other path.
 */
export function operationPipeline(steps: readonly Step[]): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (incoming, res) => {
    const req = incoming as ApiRequest;
    const target = splitTarget(req.url ?? '/');
    if (!target) return false;
    // A path that does not decode, or decodes to a NUL (which no stored name can contain),
    // addresses nothing.
    let decoded: string;
    try {
      decoded = decodeURIComponent(target.path);
    } catch {
      sendError(new HttpError(404, 'Not found.'), req, res);
      return true;
    }
    if (decoded.includes('\u0000')) {
      sendError(new HttpError(404, 'Not found.'), req, res);
      return true;
    }
    const { operation, pathKnown, params } = findOperation(req.method ?? 'GET', target.path);
    if (!pathKnown) return false;
    if (!operation) {
      sendError(new HttpError(405, 'Method not allowed.'), req, res);
      return true;
    }
    req.operation = operation;
    req.pathParams = params;
    // Own properties: mounted in Express, the request's prototype has getters by these names.
    defineOwn(req, 'path', target.path);
    // The same parser as Express's default ("simple") query parser.
    defineOwn(req, 'query', parseQuery(target.search) as Record<string, unknown>);
    runSteps(steps, req, res);
    return true;
  };
}
