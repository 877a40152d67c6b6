// Calls the handler of the operation the request was matched to (one lookup, already done
// by the operation pipeline; no second scan of every route) and adapts Express to the typed
// handler contract: coerced params, query and body in; {status, body, headers} out, the body
// checked against the spec when response validation is on.
import type { Request, Response, NextFunction, RequestHandler } from 'express';
import { operationTable, type FileBody, type Handlers, type OperationId, type ResponseHeaders, type UploadedFile } from '../../generated/contract.js';
import { uploadedFiles } from './uploads.js';
import type { RequestContext } from './request-context.js';
import type { ResponseValidator } from './validation/response.js';

type AnyHandler = (input: { params: unknown; query: unknown; body: unknown; files: readonly UploadedFile[]; auth: RequestContext }) => Promise<{
  status: number;
  body?: unknown;
  headers?: ResponseHeaders;
}>;

const isFileBody = (body: unknown): body is FileBody => (body as FileBody | undefined)?.kind === 'file';

/** Streams a file with Range support (206, 416) from Express's `send`. */
function sendFile(res: Response, next: NextFunction, file: FileBody) {
  if (file.downloadName) res.attachment(file.downloadName);
  res.sendFile(file.path, { acceptRanges: true, cacheControl: false, lastModified: false, headers: { 'Content-Type': file.contentType } }, (err) => {
    if (err && !res.headersSent) next(err);
  });
}

export function createOperationDispatcher(handlers: Handlers<RequestContext>, validateResponse?: ResponseValidator): RequestHandler {
  const byOperation = new Map<string, AnyHandler>();
  for (const operationId of Object.keys(operationTable) as OperationId[]) {
    const handler = handlers[operationId] as unknown as AnyHandler | undefined;
    if (typeof handler !== 'function') throw new Error(`No handler for operation ${operationId}`);
    byOperation.set(operationId, handler);
  }

  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { operationId } = req.operation;
      const result = await byOperation.get(operationId)!({
        params: req.pathParams,
        query: req.query,
        body: req.body,
        files: uploadedFiles(req),
        auth: req.ctx,
      });
      if (isFileBody(result.body)) {
        if (result.headers) res.set(result.headers);
        return sendFile(res, next, result.body);
      }
      validateResponse?.(operationId, result.status, result.body);
      if (result.headers) res.set(result.headers);
      res.statusCode = result.status;
      if (result.body === undefined) return res.end();
      // One write of a string we serialise ourselves: Express's send path (charset
      // negotiation, freshness and ETag checks) does nothing for an API response.
      const json = JSON.stringify(result.body);
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Content-Length', Buffer.byteLength(json));
      res.end(json);
    } catch (err) {
      next(err);
    }
  };
}
