// A small cookie-keeping HTTP agent for tests that speak to the server like a browser would
// (session cookie + XSRF header) or like a developer (bearer token). `call` speaks the
// contract: an operation by operationId, typed input, a reply typed by the declared statuses.
// `request` stays for tests about raw HTTP (malformed targets, headers, undeclared bodies).
import { expect } from 'vitest';
import type { operations } from '../../generated/api.js';
import { operationTable, type OperationId, type OperationResponses } from '../../generated/contract.js';
import type { FileBody } from '../../server/contract/operation-info.js';
import { operationUrl, type Scalar } from './operation-url.js';

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  json?: unknown;
  /**
   * A raw body, e.g. compressed bytes; `json` serialises one instead. A stream is sent as it is
   * pulled (chunked unless `content-length` is given), so a test can hold the rest of a body back.
   */
  body?: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;
  form?: FormData;
  headers?: Record<string, string>;
  /**
   * Send X-XSRF-TOKEN from the XSRF-TOKEN cookie. Default: on for unsafe methods when the agent
   * has the cookie, as the web app does; `false` to test the 419. A header given in `headers` wins.
   */
  xsrf?: boolean;
}

type Parameters<K extends OperationId> = operations[K]['parameters'];
type PathInput<K extends OperationId> =
  Parameters<K> extends { path: infer P } ? ([P] extends [never] | [undefined] ? { path?: undefined } : { path: P }) : { path?: undefined };
type QueryInput<K extends OperationId> =
  Parameters<K> extends { query?: infer Q } ? ([Q] extends [never] | [undefined] ? { query?: undefined } : { query?: Q }) : { query?: undefined };
// Top-level body properties are optional: openapi-typescript marks properties that have a
// default as required (`defaultNonNullable`), though a caller may leave them out.
type BodyInput<K extends OperationId> = operations[K] extends { requestBody: { content: { 'application/json': infer B } } }
  ? { body: Partial<B> }
  : operations[K] extends { requestBody?: { content: { 'application/json': infer B } } }
    ? { body?: Partial<B> }
    : operations[K] extends { requestBody?: { content: { 'multipart/form-data': unknown } } }
      ? { form?: FormData }
      : { body?: undefined };

/** What a typed call sends: the operation's path and query parameters and its body, as the spec types them. */
export type CallInput<K extends OperationId> = PathInput<K> & QueryInput<K> & BodyInput<K> & Pick<RequestOptions, 'headers' | 'xsrf'>;

/** A call's input that the spec need not accept, for tests of what the server refuses. */
export interface UncheckedCallInput extends Pick<RequestOptions, 'headers' | 'xsrf' | 'form'> {
  path?: Record<string, Scalar>;
  query?: Record<string, Scalar | readonly Scalar[] | undefined>;
  body?: unknown;
}

/** The reply to a call: one member per declared status, with that status's body (a file arrives as a Buffer). */
export type CallReply<K extends OperationId> = OperationResponses[K] extends infer R
  ? R extends { status: infer S; body: infer B }
    ? { status: S; headers: Headers; body: B extends FileBody ? Buffer : B }
    : never
  : never;

/**
 * Asserts the reply's status and narrows the reply to it, so its body is typed; the failure
 * message shows the body the server gave instead.
 */
export function expectStatus<R extends { status: unknown; body: unknown }, const S extends R['status']>(
  reply: R,
  status: S,
): asserts reply is Extract<R, { status: S }> {
  expect(reply.status, `expected ${String(status)}, got ${String(reply.status)}: ${JSON.stringify(reply.body)}`).toBe(status);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class Agent {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly defaults: Record<string, string> = {},
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** Fetches the XSRF cookie, as the web app does before signing in. */
  async csrf(): Promise<string> {
    await this.request('GET', '/sanctum/csrf-cookie');
    return decodeURIComponent(this.cookies.get('XSRF-TOKEN')!);
  }

  /** Calls an operation of the contract by operationId. */
  call<K extends OperationId>(
    operationId: K,
    ...[input]: Partial<CallInput<K>> extends CallInput<K> ? [CallInput<K>?] : [CallInput<K>]
  ): Promise<CallReply<K>> {
    return this.callUnchecked(operationId, (input ?? {}) as UncheckedCallInput) as Promise<CallReply<K>>;
  }

  /** Calls an operation with input the spec does not type (invalid bodies, unknown parameters); the reply is typed. */
  async callUnchecked<K extends OperationId>(operationId: K, input: UncheckedCallInput = {}): Promise<CallReply<K>> {
    const { method } = operationTable[operationId];
    const reply = await this.request(method, operationUrl(operationId, input), {
      ...(input.body === undefined ? {} : { json: input.body }),
      ...(input.form === undefined ? {} : { form: input.form }),
      ...(input.headers === undefined ? {} : { headers: input.headers }),
      ...(input.xsrf === undefined ? {} : { xsrf: input.xsrf }),
    });
    return reply as CallReply<K>;
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...this.defaults, ...options.headers };
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const xsrf = options.xsrf ?? !SAFE_METHODS.has(method.toUpperCase());
    const chosen = Object.keys(headers).some((name) => name.toLowerCase() === 'x-xsrf-token');
    if (xsrf && !chosen && this.cookies.has('XSRF-TOKEN')) headers['x-xsrf-token'] = decodeURIComponent(this.cookies.get('XSRF-TOKEN')!);
    let body: NonNullable<RequestOptions['body']> | FormData | undefined = options.form ?? options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    // Node's fetch sends a stream only when told the response may come before it ends.
    const streaming = body instanceof ReadableStream ? { duplex: 'half' } : {};
    const response = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual', ...streaming });
    // Prism's proxy joins several Set-Cookie headers into one with commas; the sandbox's cookies
    // carry no Expires date, so a comma followed by `name=` can only start the next cookie.
    for (const line of response.headers.getSetCookie().flatMap((joined) => joined.split(/,(?=\s*[\w.-]+=)/))) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    const type = response.headers.get('content-type') ?? '';
    if (/^(audio|video|image)\/|octet-stream|application\/pdf/.test(type)) {
      return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) as T };
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: tests assert on the raw text.
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  /** Signs in through the web flow (csrf-cookie, then POST /login with the header). */
  async login(email: string, password: string): Promise<Reply> {
    await this.csrf();
    return this.request('POST', '/login', { json: { email, password } });
  }
}
