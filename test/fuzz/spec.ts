// The bundled contract as the fuzzer sees it: generated/openapi.json with every internal
// `$ref` inlined, one model per operation of `operationTable`, and an independent Ajv 2020
// validator (with formats) for each declared JSON response. `buildContractModel` builds the
// same from any bundled spec (test/conformance compiles deliberately broken copies), and
// `contractProblems` is the one response check the fuzz and the conformance suites share.
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

type DereferencedSpec = {
  paths: Record<string, Record<string, OperationObject>>;
  components: Record<string, unknown>;
};

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

export const spec = dereference(rawSpec) as DereferencedSpec;

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}
interface MediaType {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
}
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
  /** Non-JSON media types the status may answer with (a file download); their bytes are not inspected. */
  binaryTypes: string[];
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

/** The tests' one Ajv for the spec's schemas (formats on), independent of the server's validator. */
export const contractAjv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(contractAjv);

function findOperation(spec: DereferencedSpec, info: OperationInfo): OperationObject {
  const byMethod = spec.paths[info.path];
  const operation = byMethod?.[info.method.toLowerCase()];
  if (!operation || operation.operationId !== info.operationId) {
    throw new Error(`generated/contract.ts and generated/openapi.json disagree about ${info.operationId}`);
  }
  return operation;
}

function buildModel(spec: DereferencedSpec, info: OperationInfo): OperationModel {
  const operation = findOperation(spec, info);
  const pathLevel = (spec.paths[info.path] as unknown as { parameters?: ParameterObject[] }).parameters ?? [];
  const parameters = [...pathLevel, ...(operation.parameters ?? [])];
  const responses = new Map<number, ResponseModel>();
  for (const [code, response] of Object.entries(operation.responses)) {
    const status = Number(code);
    if (!Number.isInteger(status)) throw new Error(`${info.operationId}: response key ${code} is not a plain status code`);
    const media = response.content?.['application/json'];
    const schema = media?.schema ?? null;
    const binaryTypes = Object.keys(response.content ?? {}).filter((type) => type !== 'application/json');
    const examples = [...(media && 'example' in media ? [media.example] : []), ...Object.values(media?.examples ?? {}).map((e) => e.value)];
    responses.set(status, { schema, binaryTypes, validate: schema ? contractAjv.compile(schema) : null, examples });
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

/**
 * Models of every operation of `operationTable`, validated against `bundled` (by default the
 * committed generated/openapi.json). A copy with a changed schema gives validators that
 * disagree with the server: that is how the conformance suite proves a spec change is caught.
 */
export function buildContractModel(bundled: Record<string, unknown> = rawSpec): { spec: DereferencedSpec; operations: OperationModel[] } {
  const dereferenced = bundled === rawSpec ? spec : (dereference(bundled, bundled) as DereferencedSpec);
  return { spec: dereferenced, operations: (Object.values(operationTable) as OperationInfo[]).map((info) => buildModel(dereferenced, info)) };
}

export const operations: OperationModel[] = buildContractModel().operations;

export interface ReceivedResponse {
  status: number;
  contentType: string | null;
  text: string;
}

/**
 * Everything wrong with one response under the contract: an undeclared status, a 5xx, an
 * HTML page, a body that is not JSON or does not validate, or a body where none is declared.
 */
export function contractProblems(op: OperationModel, received: ReceivedResponse): string[] {
  const problems: string[] = [];
  const { status, contentType, text } = received;
  if (!op.info.statuses.includes(status)) problems.push(`status ${status} is not declared (declared: ${op.info.statuses.join(', ')})`);
  if (status >= 500) problems.push(`server error ${status}`);
  const declared = op.responses.get(status);
  // A media type the status declares (a WAV, a PDF, a certificate's HTML page) is its body as documented.
  if (declared?.binaryTypes.some((type) => (contentType ?? '').startsWith(type))) return problems;
  if (/html/i.test(contentType ?? '') || /^\s*</.test(text)) problems.push(`HTML response (content-type ${contentType})`);

  if (declared?.validate) {
    if (!/^application\/json\b/i.test(contentType ?? '')) problems.push(`content-type ${contentType}, expected application/json`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      problems.push('body is not JSON');
      return problems;
    }
    if (!declared.validate(body)) problems.push(`body does not match the ${status} schema: ${formatAjvErrors(declared.validate)}`);
  } else if (declared && text !== '') {
    problems.push(`status ${status} declares no body, got ${text.length} bytes`);
  } else if (!declared && text !== '') {
    try {
      JSON.parse(text);
    } catch {
      problems.push('body is not JSON');
    }
  }
  return problems;
}

export function formatAjvErrors(validate: ValidateFunction): string {
  return contractAjv.errorsText(validate.errors, { separator: '; ', dataVar: 'body' });
}
