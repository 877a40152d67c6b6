// Mounts one route per operation from the generated table and adapts Express to the typed
// handler contract: coerced params, query and body in; {status, body, headers} out.
import { Router, type Request, type Response, type NextFunction } from 'express';
import { operationTable, type Handlers, type OperationId, type ResponseHeaders } from '../../generated/contract.js';
import type { RequestContext } from './request-context.js';

type AnyHandler = (input: { params: unknown; query: unknown; body: unknown; auth: RequestContext }) => Promise<{
  status: number;
  body?: unknown;
  headers?: ResponseHeaders;
}>;

/** The validator stores coerced path parameters here (Express re-parses its own as strings). */
type ValidatedRequest = Request & { openapi?: { pathParams?: Record<string, unknown> } };

export function createRouter(handlers: Handlers<RequestContext>): Router {
  const router = Router();
  for (const [operationId, operation] of Object.entries(operationTable) as [OperationId, (typeof operationTable)[OperationId]][]) {
    const handler = handlers[operationId] as unknown as AnyHandler | undefined;
    if (typeof handler !== 'function') throw new Error(`No handler for operation ${operationId}`);
    const method = operation.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch';
    router[method](operation.expressPath, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const result = await handler({
          params: (req as ValidatedRequest).openapi?.pathParams ?? req.params,
          query: req.query,
          body: req.body,
          auth: req.ctx,
        });
        if (result.headers) res.set(result.headers);
        res.status(result.status);
        if (result.body === undefined) res.end();
        else res.json(result.body);
      } catch (err) {
        next(err);
      }
    });
  }
  return router;
}
