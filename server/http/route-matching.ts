// Finds the operation a request is for, from the generated operation table, before any
// operation-specific step (rate limit group, CSRF, security) runs.
import { operationTable, type OperationInfo } from '../../generated/contract.js';

interface Route {
  pattern: RegExp;
  names: string[];
  byMethod: Map<string, OperationInfo>;
}

function compileRoutes(): Route[] {
  const byPath = new Map<string, Route>();
  for (const op of Object.values(operationTable)) {
    let route = byPath.get(op.path);
    if (!route) {
      const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const source = op.path
        .split(/\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('([^/]+)');
      route = { pattern: new RegExp(`^${source}/?$`), names, byMethod: new Map() };
      byPath.set(op.path, route);
    }
    route.byMethod.set(op.method, op);
  }
  // Literal paths before templated ones, so `/users/me`-style literals win over `{id}`.
  return [...byPath.entries()].sort(([a], [b]) => a.split('{').length - b.split('{').length).map(([, r]) => r);
}

const routes = compileRoutes();

export interface OperationMatch {
  operation?: OperationInfo;
  pathKnown: boolean;
  /** Path parameters, percent-decoded, as strings (validation coerces them). */
  params: Record<string, string>;
}

export function findOperation(method: string, path: string): OperationMatch {
  const wanted = method === 'HEAD' ? 'GET' : method;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = decodeURIComponent(match[i + 1]!);
    });
    return { operation: route.byMethod.get(wanted), pathKnown: true, params };
  }
  return { pathKnown: false, params: {} };
}

/** The methods the spec declares at `path` (with HEAD where GET is), or undefined for a path it does not have. */
export function methodsAt(path: string): string[] | undefined {
  const route = routes.find((r) => r.pattern.test(path));
  if (!route) return undefined;
  const methods = [...route.byMethod.keys()];
  return methods.includes('GET') ? [...methods, 'HEAD'] : methods;
}
