// Mounts one route per operation from the generated table and adapts Express to the typed
// handler contract: coerced params, query and body in; {status, body, headers} out.
import { Router, type Request, type Response, type NextFunction } from 'express';
import {
  operationTable, type FileBody, type Handlers, type OperationId, type ResponseHeaders, type UploadedFile,
} from '../../generated/contract.js';
import { uploadedFiles } from './uploads.js';
import type { RequestContext } from './request-context.js';

type AnyHandler = (input: { params: unknown; query: unknown; body: unknown; files: readonly UploadedFile[]; auth: RequestContext }) => Promise<{
  status: number;
  body?: unknown;
  headers?: ResponseHeaders;
}>;

/** The validator stores coerced path parameters here (Express re-parses its own as strings). */
type ValidatedRequest = Request & { openapi?: { pathParams?: Record<string, unknown> } };

const isFileBody = (body: unknown): body is FileBody => (body as FileBody | undefined)?.kind === 'file';

/** Streams a file with Range support (206, 416) from Express's `send`. */
function sendFile(res: Response, next: NextFunction, file: FileBody) {
  if (file.downloadName) res.attachment(file.downloadName);
  res.sendFile(file.path, { acceptRanges: true, cacheControl: false, lastModified: false, headers: { 'Content-Type': file.contentType } }, (err) => {
    if (err && !res.headersSent) next(err);
  });
}

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
          files: uploadedFiles(req),
          auth: req.ctx,
        });
        if (result.headers) res.set(result.headers);
        if (isFileBody(result.body)) return sendFile(res, next, result.body);
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
