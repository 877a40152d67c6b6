// The bundled contract as the fuzzer sees it: generated/openapi.json with every internal
// `$ref` inlined, one model per operation of `operationTable`, and an independent Ajv 2020
// validator (with formats) for each declared JSON response.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { operationTable, type OperationId, type OperationInfo } from '../../generated/contract.js';

// ajv-formats is CommonJS; under ESM the callable is sometimes behind `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

export type JsonSchema = Record<string, unknown>;
type Json = unknown;

export const specPath = new URL('../../generated/openapi.json', import.meta.url);
const rawSpec = JSON.parse(readFileSync(specPath, 'utf8')) as Record<string, unknown>;

function pointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only internal $refs are supported, got ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => {
      const next = (node as Record<string, unknown> | undefined)?.[key];
      if (next === undefined) throw new Error(`Unresolvable $ref ${ref}`);
      return next;
    }, root);
}

/** Inlines every `#/...` reference (siblings of `$ref` win, as in OpenAPI 3.1). */
export function dereference(node: Json, root: unknown = rawSpec, seen: string[] = []): Json {
  if (Array.isArray(node)) return node.map((item) => dereference(item, root, seen));
  if (node === null || typeof node !== 'object') return node;
  const object = node as Record<string, unknown>;
  if (typeof object.$ref === 'string') {
    const ref = object.$ref;
    if (seen.includes(ref)) throw new Error(`Recursive $ref ${[...seen, ref].join(' -> ')}: the fuzzer needs acyclic schemas`);
    const { $ref: _ignored, ...siblings } = object;
    const target = dereference(pointer(root, ref), root, [...seen, ref]) as Record<string, unknown>;
    return Object.keys(siblings).length === 0 ? target : { ...target, ...(dereference(siblings, root, seen) as object) };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) out[key] = dereference(value, root, seen);
  return out;
}

export const spec = dereference(rawSpec) as {
  paths: Record<string, Record<string, OperationObject>>;
  components: Record<string, unknown>;
};

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}
interface MediaType { schema?: JsonSchema; example?: unknown; examples?: Record<string, { value?: unknown }> }
interface ResponseObject { content?: Record<string, MediaType> }
interface OperationObject {
  operationId: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
}

export interface ResponseModel {
  /** The JSON schema's validator, or null when the status declares no body. */
  validate: ValidateFunction | null;
  schema: JsonSchema | null;
  /** The documented examples of this response, to check the validator itself. */
  examples: unknown[];
}

export interface OperationModel {
  id: OperationId;
  info: OperationInfo;
  pathParams: ParameterObject[];
  queryParams: ParameterObject[];
  headerParams: ParameterObject[];
  requestSchema: JsonSchema | null;
  bodyRequired: boolean;
  responses: Map<number, ResponseModel>;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);

function findOperation(info: OperationInfo): OperationObject {
  const byMethod = spec.paths[info.path];
  const operation = byMethod?.[info.method.toLowerCase()];
  if (!operation || operation.operationId !== info.operationId) {
    throw new Error(`generated/contract.ts and generated/openapi.json disagree about ${info.operationId}`);
  }
  return operation;
}

function buildModel(info: OperationInfo): OperationModel {
  const operation = findOperation(info);
  const pathLevel = (spec.paths[info.path] as unknown as { parameters?: ParameterObject[] }).parameters ?? [];
  const parameters = [...pathLevel, ...(operation.parameters ?? [])];
  const responses = new Map<number, ResponseModel>();
  for (const [code, response] of Object.entries(operation.responses)) {
    const status = Number(code);
    if (!Number.isInteger(status)) throw new Error(`${info.operationId}: response key ${code} is not a plain status code`);
    const media = response.content?.['application/json'];
    const schema = media?.schema ?? null;
    if (response.content && !schema) {
      throw new Error(`${info.operationId} ${code}: only application/json responses are understood by the fuzzer`);
    }
    const examples = [
      ...(media && 'example' in media ? [media.example] : []),
      ...Object.values(media?.examples ?? {}).map((e) => e.value),
    ];
    responses.set(status, { schema, validate: schema ? ajv.compile(schema) : null, examples });
  }
  return {
    id: info.operationId,
    info,
    pathParams: parameters.filter((p) => p.in === 'path'),
    queryParams: parameters.filter((p) => p.in === 'query'),
    headerParams: parameters.filter((p) => p.in === 'header'),
    requestSchema: operation.requestBody?.content?.['application/json']?.schema ?? null,
    bodyRequired: operation.requestBody?.required === true,
    responses,
  };
}

export const operations: OperationModel[] = (Object.values(operationTable) as OperationInfo[]).map(buildModel);

export function formatAjvErrors(validate: ValidateFunction): string {
  return ajv.errorsText(validate.errors, { separator: '; ', dataVar: 'body' });
}
