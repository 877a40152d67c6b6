// Renders generated/contract.ts from the bundled spec: the operation table the server's
// router, rate limiter and security check read, the rate-limit groups, and the typed
// `Handlers` contract (one handler per operationId, returning exactly the declared
// statuses and bodies). Types come from api.d.ts; this file only names them.

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface MediaTypes { [type: string]: unknown }
interface ResponseObject { content?: MediaTypes }
interface ParameterObject { name: string; in: string }
type Ref = { $ref: string };
interface Operation {
  operationId: string;
  parameters?: Array<ParameterObject | Ref>;
  security?: Array<Record<string, string[]>>;
  requestBody?: { content?: MediaTypes };
  responses: Record<string, ResponseObject | { $ref: string }>;
  'x-rate-limit-group': string;
  'x-pagination'?: { style: string; items: string };
}
export interface BundledSpec {
  security?: Array<Record<string, string[]>>;
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>> & { parameters?: Array<ParameterObject | Ref> }>;
  components?: { responses?: Record<string, ResponseObject>; parameters?: Record<string, ParameterObject> };
  'x-rate-limit-groups': Record<string, { limit: number; window_seconds: number; key: string }>;
}

function resolveResponse(spec: BundledSpec, response: ResponseObject | { $ref: string }): ResponseObject {
  if ('$ref' in response) {
    const name = response.$ref.replace('#/components/responses/', '');
    const resolved = spec.components?.responses?.[name];
    if (!resolved) throw new Error(`Unresolved response ${response.$ref}`);
    return resolved;
  }
  return response;
}

function resolveParameter(spec: BundledSpec, parameter: ParameterObject | Ref): ParameterObject {
  if (!('$ref' in parameter)) return parameter;
  const resolved = spec.components?.parameters?.[parameter.$ref.replace('#/components/parameters/', '')];
  if (!resolved) throw new Error(`Unresolved parameter ${parameter.$ref}`);
  return resolved;
}

const pascal = (id: string) => id[0]!.toUpperCase() + id.slice(1);

export function renderContract(spec: BundledSpec): string {
  const table: string[] = [];
  const responseTypes: string[] = [];
  const handlerEntries: string[] = [];
  const seen = new Set<string>();

  for (const path of Object.keys(spec.paths).sort()) {
    for (const method of METHODS) {
      const op = spec.paths[path]![method];
      if (!op) continue;
      const id = op.operationId;
      if (seen.has(id)) throw new Error(`Duplicate operationId ${id}`);
      seen.add(id);
      const security = op.security ?? spec.security ?? [];
      const anonymous = security.length === 0 || security.some((s) => Object.keys(s).length === 0);
      const schemes = [...new Set(security.flatMap((s) => Object.keys(s)))].sort();
      const statuses = Object.keys(op.responses).map(Number).sort((a, b) => a - b);
      const headerParameters = [...(spec.paths[path]!.parameters ?? []), ...(op.parameters ?? [])]
        .map((p) => resolveParameter(spec, p))
        .filter((p) => p.in === 'header')
        .map((p) => p.name);
      const info = {
        operationId: id,
        method: method.toUpperCase(),
        path,
        anonymous,
        schemes,
        rateLimitGroup: op['x-rate-limit-group'],
        statuses,
        hasJsonBody: Boolean(op.requestBody?.content?.['application/json']),
        hasMultipartBody: Boolean(op.requestBody?.content?.['multipart/form-data']),
        headerParameters,
        ...(op['x-pagination'] ? { pagination: op['x-pagination'] } : {}),
      };
      table.push(`  ${id}: ${JSON.stringify(info)},`);

      const variants = statuses.map((status) => {
        const response = resolveResponse(spec, op.responses[String(status)]!);
        const content = response.content ?? {};
        const body = content['application/json']
          ? `operations['${id}']['responses'][${status}]['content']['application/json']`
          : Object.keys(content).length > 0 ? 'FileBody' : 'undefined';
        return `  | { status: ${status}; body: ${body}; headers?: ResponseHeaders }`;
      });
      responseTypes.push(`export type ${pascal(id)}Response =\n${variants.join('\n')};`);
      handlerEntries.push(`  ${id}: ${pascal(id)}Response;`);
    }
  }

  return `import type { operations } from './api.js';

export type OperationId = keyof operations;
export type SecurityScheme = 'sessionCookie' | 'bearerAuth';

export interface OperationInfo {
  readonly operationId: OperationId;
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  /** The path as written in the spec, with {placeholders}. */
  readonly path: string;
  /** True when the operation also works without credentials. */
  readonly anonymous: boolean;
  readonly schemes: readonly SecurityScheme[];
  readonly rateLimitGroup: RateLimitGroupName;
  readonly statuses: readonly number[];
  readonly hasJsonBody: boolean;
  readonly hasMultipartBody: boolean;
  /** Declared header parameters, named as in the spec; handlers get them in \`headers\`. */
  readonly headerParameters: readonly string[];
  readonly pagination?: { readonly style: string; readonly items: string };
}

export const rateLimitGroups = ${JSON.stringify(spec['x-rate-limit-groups'], null, 2)} as const;
export type RateLimitGroupName = keyof typeof rateLimitGroups;

export const operationTable: Readonly<Record<OperationId, OperationInfo>> = {
${table.join('\n')}
};

/** A file sent as the response body (binary media types); the server streams it with Range support. */
export interface FileBody {
  readonly kind: 'file';
  /** Absolute path of the file to send. */
  readonly path: string;
  readonly contentType: string;
  /** Offered as the download's file name (Content-Disposition: attachment). */
  readonly downloadName?: string;
}

/** A file received in a multipart request, already on disk in a temporary location. */
export interface UploadedFile {
  readonly field: string;
  readonly path: string;
  readonly originalName: string;
  readonly mimeType: string;
  readonly size: number;
}

/** Extra response headers; Set-Cookie may repeat. */
export type ResponseHeaders = Record<string, string | string[]>;

type Parameters<K extends OperationId> = operations[K]['parameters'];
type Section<K extends OperationId, S extends string> =
  Parameters<K> extends { [P in S]?: infer V } ? ([V] extends [never] | [undefined] ? Record<string, never> : NonNullable<V>) : Record<string, never>;
type JsonBody<K extends OperationId> =
  operations[K] extends { requestBody?: infer B }
    ? NonNullable<B> extends { content: { 'application/json': infer J } } ? J
      : NonNullable<B> extends { content: { 'multipart/form-data': infer M } } ? M : undefined
    : undefined;

/** What a handler receives: validated, coerced input plus the caller's context. */
export interface HandlerInput<K extends OperationId, Ctx> {
  params: Section<K, 'path'>;
  query: Section<K, 'query'>;
  /** Declared header parameters, under their names in the spec, as sent. */
  headers: Section<K, 'header'>;
  body: JsonBody<K>;
  /** Files of a multipart request (empty for every other request). */
  files: readonly UploadedFile[];
  auth: Ctx;
}

${responseTypes.join('\n\n')}

/** The response union of each operation: exactly its declared statuses and bodies. */
export interface OperationResponses {
${handlerEntries.join('\n')}
}

export type Handler<K extends OperationId, Ctx> = (input: HandlerInput<K, Ctx>) => Promise<OperationResponses[K]>;

/** One handler per operationId: leaving one out does not compile. */
export type Handlers<Ctx> = { [K in OperationId]: Handler<K, Ctx> };
`;
}
