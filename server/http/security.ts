// Enforces each operation's declared security: who may call it, and with which scheme.
// Runs before request validation, so a caller without credentials gets 401 rather than a
// list of field errors.
import type { Step } from './api-request.js';
import { HttpError } from './errors.js';

export const enforceSecurity: Step = (req, _res, next) => {
  const { ctx, operation } = req;
  // Operations open to everyone without any scheme (sign-in, registration) ignore credentials.
  if (operation.schemes.length === 0) return next();
  if (ctx.invalidToken) return next(new HttpError(401, 'Unauthenticated.'));
  if (ctx.user === null) return next(operation.anonymous ? undefined : new HttpError(401, 'Unauthenticated.'));
  const scheme = ctx.via === 'token' ? 'bearerAuth' : 'sessionCookie';
  if (operation.schemes.length > 0 && !operation.schemes.includes(scheme)) {
    return next(new HttpError(401, 'Unauthenticated.'));
  }
  next();
};
