// The mock: the sandbox's own request steps (route matching, CORS, caller, CSRF, security,
// validation) in front of a private `prism mock`, so an invalid request gets exactly the
// sandbox's answer, and a valid one the spec's example. Anonymous callers get the `anonymous`
// example where an operation has one, as the sandbox gives them the minimal fields; a caller's
// own `Prefer` header always wins. The session flow works as on the sandbox: the mock sets the
// XSRF and session cookies itself (Prism's examples carry fixed ones).
import { readFile } from 'node:fs/promises';
import type { RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { OperationId } from '../../generated/contract.js';
import { createApiFront } from '../http/api-front.js';
import type { ApiRequest, Step } from '../http/api-request.js';
import { SESSION_COOKIE, XSRF_COOKIE, readCookie, serializeCookie } from '../http/cookies.js';
import { HttpError, sendError } from '../http/errors.js';
import { operationPipeline, targetPath } from '../http/pipeline.js';
import { requestSteps } from '../http/request-steps.js';
import { uploadedFiles } from '../http/uploads.js';
import { deref, loadSpec, type OpenApiOperation, type OpenApiResponse } from '../http/validation/spec-schemas.js';
import { SESSION_IDLE_SECONDS } from '../domains/auth/sessions.js';
import { createMockCallers, type MockCallers } from './callers.js';

export interface MockOptions {
  /** The private Prism mock that answers valid requests. */
  prismUrl: string;
  /** Where clients reach the mock. */
  publicUrl: string;
  logger: Logger;
  /** Browser origins allowed by CORS, as CORS_ORIGINS on the sandbox. */
  corsOrigins?: readonly string[];
  /** Where multipart uploads are streamed while validated, and their size limit. */
  uploads: { tempDir: string; maxBytes: number };
}

/** The example an anonymous caller gets, where an operation's success response names one. */
const ANONYMOUS_EXAMPLE = 'anonymous';

/** Operations whose first success response has an example for anonymous callers. */
function operationsWithAnonymousExample(): Set<string> {
  const spec = loadSpec();
  const found = new Set<string>();
  for (const item of Object.values(spec.paths)) {
    for (const value of Object.values(item)) {
      const operation = value as Partial<OpenApiOperation>;
      if (!operation.operationId || !operation.responses) continue;
      const success = Object.keys(operation.responses)
        .filter((status) => status.startsWith('2'))
        .sort()[0];
      if (success === undefined) continue;
      const response = deref<OpenApiResponse>(spec, operation.responses[success]!);
      const media = Object.values(response.content ?? {}) as { examples?: Record<string, unknown> }[];
      if (media.some((m) => m.examples?.[ANONYMOUS_EXAMPLE] !== undefined)) found.add(operation.operationId);
    }
  }
  return found;
}

/** Request headers about the connection or the body as received: the body is sent decoded and re-encoded. */
const NOT_FORWARDED = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-type',
  'content-encoding',
  'accept-encoding',
  'expect',
]);
/**
 * Prism's answer headers about its connection or its encoding (fetch decodes the body), its
 * validation log (`sl-violations`), and the examples' fixed cookies and CORS headers (the mock
 * sets its own, by the sandbox's CORS policy).
 */
const NOT_RELAYED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'date',
  'sl-violations',
  'set-cookie',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-expose-headers',
  'vary',
]);

/** The body as the validator left it (JSON, or multipart fields and the files streamed to disk). */
async function forwardedBody(req: ApiRequest): Promise<{ body?: string | FormData; contentType?: string }> {
  if (req.body === undefined) return {};
  if (req.headers['content-type']?.toLowerCase().startsWith('multipart/form-data')) {
    const form = new FormData();
    const files = uploadedFiles(req);
    const fileFields = new Set(files.map((f) => f.field));
    for (const [name, value] of Object.entries(req.body as Record<string, unknown>)) {
      if (fileFields.has(name)) continue;
      for (const item of Array.isArray(value) ? value : [value]) form.append(name, String(item));
    }
    for (const file of files) form.append(file.field, new Blob([await readFile(file.path)], { type: file.mimeType }), file.originalName);
    return { body: form };
  }
  return { body: JSON.stringify(req.body), contentType: 'application/json' };
}

type SessionCookies = (req: ApiRequest, answer: unknown) => string[];

/** The cookies the sandbox sets on the session routes, set here after Prism's success answer. */
function sessionRoutes(callers: MockCallers): Partial<Record<OperationId, SessionCookies>> {
  const cookiesOf = ({ cookieValue, csrfToken }: { cookieValue: string; csrfToken: string }) => [
    serializeCookie(SESSION_COOKIE, cookieValue, { secure: false, httpOnly: true, maxAgeSeconds: SESSION_IDLE_SECONDS }),
    serializeCookie(XSRF_COOKIE, csrfToken, { secure: false, maxAgeSeconds: SESSION_IDLE_SECONDS }),
  ];
  const rotate = (req: ApiRequest, state: 'guest' | 'signed-in' | 'pending') => {
    const previous = readCookie(req.cookies, SESSION_COOKIE);
    if (previous) callers.endSession(previous);
    return cookiesOf(callers.startSession(state));
  };
  return {
    getCsrfCookie: (req) => {
      const current = readCookie(req.cookies, SESSION_COOKIE);
      const token = current === undefined ? undefined : callers.csrfToken(current);
      return token ? [serializeCookie(XSRF_COOKIE, token, { secure: false, maxAgeSeconds: SESSION_IDLE_SECONDS })] : rotate(req, 'guest');
    },
    login: (req, answer) => rotate(req, (answer as { two_factor?: boolean } | undefined)?.two_factor === true ? 'pending' : 'signed-in'),
    completeTwoFactorChallenge: (req) => rotate(req, 'signed-in'),
    logout: (req) => rotate(req, 'guest'),
  };
}

/** The last step: the request passed every check, so Prism answers it from the examples. */
function answerFromExamples(prismUrl: string, callers: MockCallers): Step {
  const anonymousExamples = operationsWithAnonymousExample();
  const cookiesFor = sessionRoutes(callers);
  return async (req, res, next) => {
    try {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined && !NOT_FORWARDED.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      if (req.ctx.user === null && headers.prefer === undefined && anonymousExamples.has(req.operation.operationId)) {
        headers.prefer = `example=${ANONYMOUS_EXAMPLE}`;
      }
      const { body, contentType } = await forwardedBody(req);
      if (contentType) headers['content-type'] = contentType;
      const target = new URL(req.url ?? '/', 'http://mock');
      // Prism knows no HEAD; Node leaves the body out of a HEAD response by itself.
      const method = req.method === 'HEAD' ? 'GET' : req.method!;
      const answer = await fetch(`${prismUrl}${target.pathname}${target.search}`, { method, headers, body, redirect: 'manual' });
      const payload = Buffer.from(await answer.arrayBuffer());
      relay(res, answer, payload);
      const setCookies = answer.ok ? cookiesFor[req.operation.operationId as OperationId] : undefined;
      if (setCookies) res.setHeader('Set-Cookie', setCookies(req, parseJson(payload)));
      res.statusCode = answer.status;
      res.end(payload);
    } catch (err) {
      // Prism not answering is a backing service down: the documented 503 (errors.ts).
      next(err);
    }
  };
}

function relay(res: ServerResponse, answer: Response, payload: Buffer) {
  for (const [name, value] of answer.headers) if (!NOT_RELAYED.has(name)) res.setHeader(name, value);
  res.setHeader('Content-Length', payload.length);
}

function parseJson(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The mock as a request listener: `http.createServer(createMockApp(...))`. */
export function createMockApp(options: MockOptions): RequestListener {
  const callers = createMockCallers();
  const pipeline = operationPipeline([
    ...requestSteps({ callers, publicUrl: options.publicUrl, validateRequests: true, uploads: options.uploads }),
    answerFromExamples(options.prismUrl, callers),
  ]);
  const front = createApiFront(pipeline, options);
  return (req, res) => {
    if (front.serve(req, res)) return;
    // A path the spec does not have: the sandbox's 404 (the spec, docs and health are the sandbox's alone).
    if (!front.prepare(req, res, targetPath(req.url) ?? '/')) sendError(new HttpError(404, 'Not found.'), req, res);
  };
}
