// The fixed steps every API request goes through, run as one Express middleware. Express
// would match each step's path and wrap each call in its own layer; for steps that apply
// to every operation that is pure overhead on the hot path.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpError } from './errors.js';
import { findOperation } from './operations.js';

type Step = (req: Request, res: Response, next: NextFunction) => unknown;

function runSteps(steps: readonly Step[], req: Request, res: Response, done: NextFunction) {
  let index = 0;
  const next = (err?: unknown) => {
    if (err) return done(err);
    const step = steps[index++];
    if (!step) return done();
    try {
      const result = step(req, res, next);
      if (result instanceof Promise) result.catch(next);
    } catch (stepError) {
      done(stepError);
    }
  };
  next();
}

/**
 * Finds the operation a request is for and runs `steps` for it. A path that is not in the
 * spec is left to the routes after this one (health, docs) and then the 404.
 */
export function operationPipeline(steps: readonly Step[]): RequestHandler {
  return (req, res, next) => {
    // A path that does not decode, or decodes to a NUL (which no stored name can contain),
    // addresses nothing.
    let decoded: string;
    try {
      decoded = decodeURIComponent(req.path);
    } catch {
      return next(new HttpError(404, 'Not found.'));
    }
    if (decoded.includes('\u0000')) return next(new HttpError(404, 'Not found.'));
    const { operation, pathKnown, params } = findOperation(req.method, req.path);
    if (!pathKnown) return next();
    if (!operation) return next(new HttpError(405, 'Method not allowed.'));
    req.operation = operation;
    req.pathParams = params;
    runSteps(steps, req, res, next);
  };
}
