// The typed handler contract, built from the generated per-operation maps
// (generated/contract.ts): what a handler receives and may answer, and how handlers are
// grouped. A domain implements the operations of one tag (`TagHandlers<'Playlists'>`): leaving
// one out, or filing another tag's operation there, fails to compile.
import type { operations } from '../../generated/api.js';
import type { OperationId, OperationRequiresUser, OperationResponses, OperationTags, PaginatedOperationId, Tag } from '../../generated/contract.js';
import type { Paging } from '../http/pagination.js';
import type { RequestContext, SignedInContext } from '../http/request-context.js';
import type { UploadedFile } from './operation-info.js';

type Parameters<K extends OperationId> = operations[K]['parameters'];
type Section<K extends OperationId, S extends string> =
  Parameters<K> extends { [P in S]?: infer V } ? ([V] extends [never] | [undefined] ? Record<string, never> : NonNullable<V>) : Record<string, never>;
type JsonBody<K extends OperationId> = operations[K] extends { requestBody?: infer B }
  ? NonNullable<B> extends { content: { 'application/json': infer J } }
    ? J
    : NonNullable<B> extends { content: { 'multipart/form-data': infer M } }
      ? M
      : undefined
  : undefined;

/** The caller as a handler sees it: signed in by type when the operation requires it. */
export type CallerOf<K extends OperationId> = OperationRequiresUser[K] extends true ? SignedInContext : RequestContext;

/** What a handler receives: validated, coerced input plus the caller's context. */
export type HandlerInput<K extends OperationId> = {
  params: Section<K, 'path'>;
  query: Section<K, 'query'>;
  /** Declared header parameters, under their names in the spec, as sent. */
  headers: Section<K, 'header'>;
  body: JsonBody<K>;
  /** A JSON body's bytes exactly as received (a webhook's signature covers them); undefined without a body. */
  rawBody: Buffer | undefined;
  /** Files of a multipart request (empty for every other request). */
  files: readonly UploadedFile[];
  auth: CallerOf<K>;
} & (K extends PaginatedOperationId
  ? {
      /** The page asked for, sized by the operation's `x-pagination.per_page`. */
      page: Paging;
    }
  : unknown);

export type Handler<K extends OperationId> = (input: HandlerInput<K>) => Promise<OperationResponses[K]>;

/** Operations whose body is multipart: streamed to disk before their handler runs. */
export type MultipartOperationId = {
  [K in OperationId]: operations[K] extends { requestBody?: { content: { 'multipart/form-data': unknown } } } ? K : never;
}[OperationId];

/** The 4xx answers an operation documents. */
export type RefusalOf<K extends OperationId> = OperationResponses[K] extends infer R
  ? R extends { status: infer S extends number }
    ? `${S}` extends `4${string}`
      ? R
      : never
    : never
  : never;

/** What is known of a request before its body is read. */
export interface BeforeBodyInput<K extends OperationId> {
  auth: CallerOf<K>;
  /** The body's length as the client declared it (`Content-Length`); undefined for a chunked body. */
  declaredBytes: number | undefined;
}

/**
 * A domain's check of a request before its body is read: a refusal is answered at once and
 * the body is never streamed to disk; undefined lets the request go on.
 */
export type BodyPrecondition<K extends OperationId> = (input: BeforeBodyInput<K>) => Promise<RefusalOf<K> | undefined>;

/** Preconditions by operationId, for the operations whose bodies are streamed to disk. */
export type BodyPreconditions = { [K in MultipartOperationId]?: BodyPrecondition<K> };

/** One handler per operationId: leaving one out does not compile. */
export type Handlers = { [K in OperationId]: Handler<K> };

/** The operations a tag groups. */
export type OperationOfTag<T extends Tag> = { [K in OperationId]: OperationTags[K] extends T ? K : never }[OperationId];

/** Every operation of tag `T`, and no other operation. */
export type TagHandlers<T extends Tag> = { [K in OperationOfTag<T>]: Handler<K> } & { [K in Exclude<OperationId, OperationOfTag<T>>]?: never };

/** Some of tag `T`'s operations, for a domain that splits its handlers over modules. */
export type TagHandlerPart<T extends Tag, K extends OperationOfTag<T>> = { [P in K]: Handler<P> };

/** One domain per tag: the server is complete when this compiles. */
export type DomainHandlers = { [T in Tag]: TagHandlers<T> };

/** The domains' handlers as one table by operationId. */
export function handlersOf(domains: DomainHandlers): Handlers {
  // Each domain holds exactly its tag's operations, and every tag has its domain, so the
  // union of the domains is one handler per operation.
  return Object.assign({}, ...Object.values(domains)) as Handlers;
}
