export type FetchLike = (request: Request) => Promise<Response>;

export interface RetryOptions {
  /** Total attempts including the first; 1 turns retries off. Default 3. */
  maxAttempts?: number;
  /** First backoff delay; doubles per attempt. Default 200 ms. */
  baseDelayMs?: number;
  /**
   * Longest pause between attempts. A `Retry-After` longer than this is not waited for: the
   * response goes back to the caller at once, rather than blocking it silently. Default 10 s.
   */
  maxDelayMs?: number;
  /** Spread backoff delays over [delay/2, delay] so that many clients do not retry in step. Default true. */
  jitter?: boolean;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

// PUT and DELETE are idempotent by definition, so repeating them is safe; POST and PATCH are not.
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRYABLE_STATUSES = new Set([429, 503]);

/**
 * Wraps a fetch so that idempotent requests are repeated on 429, 503 and network errors.
 * It sits beneath openapi-fetch's middleware because middleware cannot send a request again.
 */
export function createRetryFetch(fetchImpl: FetchLike, options: RetryOptions = {}): FetchLike {
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
  const baseDelayMs = options.baseDelayMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const jitter = options.jitter ?? true;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;

  const backoff = (attempt: number): number => {
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    return jitter ? delay / 2 + (Math.random() * delay) / 2 : delay;
  };

  return async (request) => {
    if (maxAttempts === 1 || !IDEMPOTENT_METHODS.has(request.method.toUpperCase())) return fetchImpl(request);

    for (let attempt = 1; ; attempt++) {
      const isLast = attempt >= maxAttempts;
      // A body can be read only once, so every attempt but the last sends a copy.
      const attemptRequest = isLast ? request : request.clone();
      let response: Response;
      try {
        response = await fetchImpl(attemptRequest);
      } catch (error) {
        if (isLast || request.signal.aborted || isAbortError(error)) throw error;
        await sleep(backoff(attempt));
        continue;
      }
      if (isLast || !RETRYABLE_STATUSES.has(response.status)) return response;

      const delay = retryAfterMs(response.headers.get('Retry-After'), now()) ?? backoff(attempt);
      if (delay > maxDelayMs) return response;
      await response.body?.cancel();
      await sleep(delay);
      if (request.signal.aborted) throw request.signal.reason;
    }
  };
}

/** `Retry-After` is either delta-seconds or an HTTP date; anything else is ignored. */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Every HTTP-date form opens with a weekday; without this check Date.parse reads "-3" as a year.
  if (!/^[A-Za-z]{3}/.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
