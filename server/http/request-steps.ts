// What happens to a request for an operation before anything answers it: body parsing, who
// is calling, rate limit, CSRF (419), security (401), the domain's checks before an upload's
// body is read, and validation (422). The sandbox puts its handlers after these steps and the
// mock puts Prism there, so an invalid request gets the same answer from both.
import express from 'express';
import type { BodyPreconditions } from '../contract/handlers.js';
import { header, type ApiRequest, type Step } from './api-request.js';
import { checkBeforeBody } from './body-preconditions.js';
import { BODY_ENCODINGS, HttpError, UNSUPPORTED_ENCODING } from './errors.js';
import { verifyCsrf } from './csrf.js';
import { rejectNonFiniteNumbers, rejectNulCharacters } from './input-guards.js';
import { resolveRequestContext, type CallerLookup } from './request-context.js';
import { enforceSecurity } from './security.js';
import { removeTemporaryUploads } from './uploads.js';
import { createRequestValidator } from './validator.js';

export interface RequestStepOptions {
  /** Who a session cookie or bearer token signs in. */
  callers: CallerLookup;
  /** Where clients reach the server (PUBLIC_URL): the base of every link the API builds. */
  publicUrl: string;
  /** Counts the request against its rate-limit group, once the caller is known. */
  rateLimit?: Step;
  validateRequests: boolean;
  /** Where multipart files are streamed while the request is answered, and their size limit. */
  uploads: { tempDir: string; maxBytes: number };
  /** The domains' checks of a request before its body is streamed to disk (the sandbox's; the mock has none). */
  bodyPreconditions?: BodyPreconditions;
}

export function requestSteps(options: RequestStepOptions): Step[] {
  // Only operations that declare a JSON body parse one; any other body is ignored unread.
  // The raw bytes are kept for the handler too: a webhook's signature is over them, not over the parsed JSON.
  const parseJson = express.json({
    limit: '1mb',
    verify: (req, _res, buf) => {
      (req as unknown as ApiRequest).rawBody = buf;
    },
  });
  return [
    removeTemporaryUploads,
    // body-parser reads only Node's own request fields and sets `req.body`.
    (req, res, next) => {
      if (!req.operation.hasJsonBody) return next();
      // body-parser would also take zstd on the Node versions that have it: one answer on all.
      const encoding = (header(req, 'content-encoding') ?? 'identity').toLowerCase();
      if (!BODY_ENCODINGS.includes(encoding)) return next(new HttpError(415, UNSUPPORTED_ENCODING));
      parseJson(req as never, res as never, next);
    },
    resolveRequestContext(options.callers, options.publicUrl),
    ...(options.rateLimit ? [options.rateLimit] : []),
    verifyCsrf,
    enforceSecurity,
    rejectNulCharacters,
    ...(options.bodyPreconditions ? [checkBeforeBody(options.bodyPreconditions)] : []),
    createRequestValidator({ validateRequests: options.validateRequests, uploads: options.uploads }),
    rejectNonFiniteNumbers,
  ];
}
