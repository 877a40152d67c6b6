import type { components } from '../generated/api.js';

export type ErrorBody = components['schemas']['ErrorMessage'];
export type FieldErrors = components['schemas']['FieldErrors'];

/** A non-2xx answer from the API, with the body in the contract's `{message, errors?}` shape. */
export class BeatPassError extends Error {
  override readonly name = 'BeatPassError';
  readonly status: number;
  readonly body: ErrorBody;
  /** `body.errors`, or `{}` so that callers can look fields up without a guard. */
  readonly fieldErrors: FieldErrors;
  readonly response: Response | undefined;

  constructor(status: number, body: ErrorBody, response?: Response) {
    super(body.message);
    this.status = status;
    this.body = body;
    this.fieldErrors = body.errors ?? {};
    this.response = response;
  }

  /** Builds the error from an openapi-fetch result whose response was not 2xx. */
  static fromResult(result: { error?: unknown; response: Response }): BeatPassError {
    const { response } = result;
    return new BeatPassError(response.status, toErrorBody(result.error, response), response);
  }
}

/**
 * Returns `data` of an openapi-fetch result, or throws a BeatPassError. The status is checked
 * rather than `error`, because openapi-fetch leaves `error` undefined on an empty non-2xx body.
 */
export function unwrap<R extends { data?: unknown; error?: unknown; response: Response }>(result: R): SuccessData<R> {
  if (!result.response.ok) throw BeatPassError.fromResult(result);
  return result.data as SuccessData<R>;
}

type SuccessData<R> = R extends { error?: never; data: infer D } ? D : never;

/**
 * Bodies that are not the contract's shape still become one, so that callers handle a single
 * type: Prism's own `application/problem+json` errors, proxies' HTML pages, empty bodies.
 */
function toErrorBody(raw: unknown, response: Response): ErrorBody {
  if (isRecord(raw) && typeof raw.message === 'string') {
    return isFieldErrors(raw.errors) ? { message: raw.message, errors: raw.errors } : { message: raw.message };
  }
  if (isRecord(raw)) {
    const problem = [raw.title, raw.detail].filter((part) => typeof part === 'string' && part !== '');
    if (problem.length > 0) return { message: problem.join(': ') };
  }
  if (typeof raw === 'string' && raw.trim() !== '' && raw.length <= 500) return { message: raw.trim() };
  return { message: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFieldErrors(value: unknown): value is FieldErrors {
  return isRecord(value) && Object.values(value).every((messages) => Array.isArray(messages) && messages.every((m) => typeof m === 'string'));
}
