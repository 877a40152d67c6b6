// Finds the operation a request is for, from the generated operation table, before any
// operation-specific step (rate limit group, CSRF, security) runs.
import type { RequestHandler } from 'express';
import { operationTable, type OperationInfo } from '../../generated/contract.js';
import { HttpError } from './errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    operation: OperationInfo;
  }
}

interface Route { pattern: RegExp; byMethod: Map<string, OperationInfo> }

function compileRoutes(): Route[] {
  const byPath = new Map<string, Route>();
  for (const op of Object.values(operationTable)) {
    let route = byPath.get(op.path);
    if (!route) {
      const source = op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, '[^/]+');
      route = { pattern: new RegExp(`^${source}/?$`), byMethod: new Map() };
      byPath.set(op.path, route);
    }
    route.byMethod.set(op.method, op);
  }
  // Literal paths before templated ones, so `/users/me`-style literals win over `{id}`.
  return [...byPath.entries()].sort(([a], [b]) => a.split('{').length - b.split('{').length).map(([, r]) => r);
}

const routes = compileRoutes();

export function findOperation(method: string, path: string): { operation?: OperationInfo; pathKnown: boolean } {
  const wanted = method === 'HEAD' ? 'GET' : method;
  for (const route of routes) {
    if (!route.pattern.test(path)) continue;
    const operation = route.byMethod.get(wanted);
    if (operation) return { operation, pathKnown: true };
    return { pathKnown: true };
  }
  return { pathKnown: false };
}

export const resolveOperation: RequestHandler = (req, _res, next) => {
  // A path that does not decode, or decodes to a NUL (which no stored name can contain),
  // addresses nothing.
  let decoded: string;
  try {
    decoded = decodeURIComponent(req.path);
  } catch {
    return next(new HttpError(404, 'Not found.'));
  }
  if (decoded.includes('\u0000')) return next(new HttpError(404, 'Not found.'));
  const { operation, pathKnown } = findOperation(req.method, req.path);
  if (operation) {
    req.operation = operation;
    return next();
  }
  next(pathKnown ? new HttpError(405, 'Method not allowed.') : new HttpError(404, 'Not found.'));
};
