// Calls the handler of the operation the request was matched to (one lookup, already done
// by the operation pipeline) and adapts the request to the typed handler contract: coerced
// params, query and body in, with the page asked for on list operations; {status, body,
// headers} out, the body checked against the spec when response validation is on.
import { operationTable, type OperationId } from '../../generated/contract.js';
import type { Handlers } from '../contract/handlers.js';
import type { FileBody, ResponseHeaders, UploadedFile } from '../contract/operation-info.js';
import { header, type ApiRequest, type Step } from './api-request.js';
import { sendFileBody } from './file-response.js';
import { sendJson } from './json-response.js';
import { createPaging, type Paging, type PagingQuery } from './pagination.js';
import { uploadedFiles } from './uploads.js';
import type { RequestContext } from './request-context.js';
import type { ResponseValidator } from './validation/response.js';

type AnyHandler = (input: {
  params: unknown;
  query: unknown;
  headers: unknown;
  body: unknown;
  rawBody: Buffer | undefined;
  files: readonly UploadedFile[];
  auth: RequestContext;
  page?: Paging;
}) => Promise<{
  status: number;
  body?: unknown;
  headers?: ResponseHeaders;
}>;

const isFileBody = (body: unknown): body is FileBody => (body as FileBody | undefined)?.kind === 'file';

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/** The operation's declared header parameters, under their names in the spec. */
function declaredHeaders(req: ApiRequest): Readonly<Record<string, string>> {
  const names = req.operation.headerParameters;
  if (names.length === 0) return NO_HEADERS;
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = header(req, name.toLowerCase());
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

/** The page a list operation's request asks for, sized by the operation's `x-pagination`. */
function pagingOf(req: ApiRequest): Paging | undefined {
  const sizes = req.operation.pagination?.perPage;
  return sizes && createPaging(sizes, req.query as PagingQuery, req.ctx.url);
}

export function createOperationDispatcher(handlers: Handlers, validateResponse?: ResponseValidator): Step {
  const byOperation = new Map<string, AnyHandler>();
  for (const operationId of Object.keys(operationTable) as OperationId[]) {
    const handler = handlers[operationId] as unknown as AnyHandler | undefined;
    if (typeof handler !== 'function') throw new Error(`No handler for operation ${operationId}`);
    byOperation.set(operationId, handler);
  }

  return async (req, res, next) => {
    const { operationId } = req.operation;
    const result = await byOperation.get(operationId)!({
      params: req.pathParams,
      query: req.query,
      headers: declaredHeaders(req),
      body: req.body,
      rawBody: req.rawBody,
      files: uploadedFiles(req),
      auth: req.ctx,
      page: pagingOf(req),
    });
    if (!isFileBody(result.body)) validateResponse?.(operationId, result.status, result.body);
    if (result.headers) for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
    if (isFileBody(result.body)) return sendFileBody(req, res, result.status, result.body, next);
    if (result.body === undefined) {
      res.statusCode = result.status;
      return res.end();
    }
    sendJson(res, result.status, result.body);
  };
}
