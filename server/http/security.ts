// Enforces each operation's declared security: who may call it, and with which scheme.
// Runs before request validation, so a caller without credentials gets 401 rather than a
// list of field errors.
//
// Every 401 keeps the documented body `{"message": "Unauthenticated."}`; the challenge goes in
// `WWW-Authenticate`, following RFC 6750 section 3 and 3.1:
// - a bearer token that was sent but is unknown, expired or revoked gets
//   `Bearer error="invalid_token"`, so a client knows to get a new token rather than retry;
// - a request without bearer credentials (none at all, a session where the operation takes
//   none, or an `Authorization` scheme other than Bearer) gets a bare `Bearer`: 3.1 says that
//   when "the request lacks any authentication information (e.g., the client was unaware that
//   authentication is necessary or attempted using an unsupported authentication method), the
//   resource server SHOULD NOT include an error code or other error information".
// The bare challenge is only sent where the operation accepts bearer tokens (all but
// `/logout`, which takes the session alone): a session cookie has no HTTP challenge scheme, and
// advertising Bearer there would send a client after credentials that cannot work.
import { header, type ApiRequest, type Step } from './api-request.js';
import { HttpError } from './errors.js';

const UNAUTHENTICATED = 'Unauthenticated.';

/** The RFC 6750 challenge for a bearer token that was sent and refused. */
export const INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token"';
/** The RFC 6750 challenge for a request that carried no bearer credentials. */
export const BEARER_CHALLENGE = 'Bearer';

function unauthenticated(challenge: string | undefined): HttpError {
  return new HttpError(401, UNAUTHENTICATED, undefined, challenge ? { 'WWW-Authenticate': challenge } : undefined);
}

/** The challenge for a 401 answered to this request, if any. */
function challengeFor(req: ApiRequest): string | undefined {
  // `invalidToken` is also set for an Authorization header in another scheme (Basic, …):
  // that is an unsupported method, not a bad bearer token (RFC 6750 3.1).
  const sentBearer = /^Bearer(\s|$)/i.test(header(req, 'authorization') ?? '');
  if (req.ctx.invalidToken && sentBearer) return INVALID_TOKEN_CHALLENGE;
  return req.operation.schemes.includes('bearerAuth') ? BEARER_CHALLENGE : undefined;
}

export const enforceSecurity: Step = (req, _res, next) => {
  const { ctx, operation } = req;
  // Operations open to everyone without any scheme (sign-in, registration) ignore credentials.
  if (operation.schemes.length === 0) return next();
  if (ctx.invalidToken) return next(unauthenticated(challengeFor(req)));
  if (ctx.user === null) return next(operation.anonymous ? undefined : unauthenticated(challengeFor(req)));
  const scheme = ctx.via === 'token' ? 'bearerAuth' : 'sessionCookie';
  if (operation.schemes.length > 0 && !operation.schemes.includes(scheme)) {
    return next(unauthenticated(challengeFor(req)));
  }
  next();
};
