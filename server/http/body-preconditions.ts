// A domain may refuse a request before its body is read (an upload without permission, or
// over quota): the refusal is answered as soon as security has passed, so nothing is streamed
// to disk. A client still sending its body sees the answer only if the connection stays open
// until it has sent it (Node 24's fetch fails with EPIPE otherwise), so a small body is read
// and thrown away; a large or unsized one is cut off by closing the connection.
import type { BodyPreconditions, BeforeBodyInput } from '../contract/handlers.js';
import type { ResponseHeaders } from '../contract/operation-info.js';
import { header, type ApiRequest, type Step } from './api-request.js';
import { sendJson } from './json-response.js';

type AnyPrecondition = (input: BeforeBodyInput<never>) => Promise<{ status: number; body: unknown; headers?: ResponseHeaders } | undefined>;

/** The largest refused body read to its end (and thrown away) rather than cut off. */
const DISCARDED_BODY_MAX_BYTES = 1024 * 1024;

function declaredBytes(req: ApiRequest): number | undefined {
  const length = header(req, 'content-length');
  return length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
}

export function checkBeforeBody(preconditions: BodyPreconditions): Step {
  const byOperation = new Map(Object.entries(preconditions) as [string, AnyPrecondition][]);
  return async (req, res, next) => {
    const precondition = byOperation.get(req.operation.operationId);
    if (!precondition) return next();
    const refusal = await precondition({ auth: req.ctx as never, declaredBytes: declaredBytes(req) });
    if (!refusal) return next();
    // Node reads (and discards) an unread body to its end to keep the connection open.
    const declared = declaredBytes(req);
    if (!req.complete && (declared === undefined || declared > DISCARDED_BODY_MAX_BYTES)) res.setHeader('Connection', 'close');
    if (refusal.headers) for (const [name, value] of Object.entries(refusal.headers)) res.setHeader(name, value);
    sendJson(res, refusal.status, refusal.body);
  };
}
