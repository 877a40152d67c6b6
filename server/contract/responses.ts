// The answers handlers give when they refuse, one helper per kind, each with the literal
// status the contract declares, so a handler can only return one its operation documents
// (the compiler checks it against the generated response union). Bodies follow the
// documented error format `{message, errors?}`; the 422 message has one rule, Laravel's.

/** Field errors in Laravel's shape: the field's dotted path → its messages. */
export type FieldErrors = Record<string, string[]>;

/**
 * Laravel's summary of a failed validation: the first message, then how many more there are
 * (`The name field is required. (and 2 more errors)`).
 */
export function validationMessage(errors: FieldErrors): string {
  const messages = Object.values(errors).flat();
  const more = messages.length - 1;
  if (messages.length === 0) return 'The given data was invalid.';
  return more > 0 ? `${messages[0]} (and ${more} more error${more > 1 ? 's' : ''})` : messages[0]!;
}

/** 404 for a resource that does not exist (or that the caller may not know exists): "Track not found." */
/** 401 from a handler: an optional-auth route asked about `me` without a caller (the security step's body and challenge). */
export const unauthenticated = () => ({ status: 401 as const, headers: { 'WWW-Authenticate': 'Bearer' }, body: { message: 'Unauthenticated.' } });

export const notFound = (resource: string) => ({ status: 404 as const, body: { message: `${resource} not found.` } });

/** 404 with a message of its own, for an absence that is not a missing resource. */
export const notFoundWith = (message: string) => ({ status: 404 as const, body: { message } });

/** 403: the caller is known and may not do this. */
export const forbidden = (message: string) => ({ status: 403 as const, body: { message } });

/** 409: the request conflicts with the resource's current state. */
export const conflict = (message: string) => ({ status: 409 as const, body: { message } });

/** 410: the thing asked for existed and has expired. */
export const gone = (message: string) => ({ status: 410 as const, body: { message } });

/** 422 with field errors, in Laravel's shape. */
export const invalid = (errors: FieldErrors) => ({ status: 422 as const, body: { message: validationMessage(errors), errors } });

/** 422 for one field. */
export const invalidField = (field: string, message: string) => invalid({ [field]: [message] });

/** 429 for a per-account limit (not a rate limit): `error_code` says which. */
export const limitReached = <const Code extends string>(code: Code, message: string) => ({ status: 429 as const, body: { message, error_code: code } });

/** 429 for an action that may be repeated after `seconds` (Retry-After, and `retry_after` in the body). */
export const retryLater = <const Code extends string>(code: Code, message: string, seconds: number) => ({
  status: 429 as const,
  headers: { 'Retry-After': String(seconds) },
  body: { message, error_code: code, retry_after: seconds },
});

/** 503 from a service this server depends on: the client may retry after `seconds`. */
export const unavailable = (message: string, seconds: number) => ({ status: 503 as const, headers: { 'Retry-After': String(seconds) }, body: { message } });
