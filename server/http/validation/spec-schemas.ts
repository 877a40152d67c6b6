// The bundled spec, prepared once for Ajv: examples dropped, and every `#/components/...`
// reference pointed at one shared schema document, so each operation's validators compile
// only what they use and share the compiled components.
import { Ajv2020, type Options } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { readFileSync } from 'node:fs';

export const bundledSpecPath = new URL('../../../generated/openapi.json', import.meta.url);

export type Json = Record<string, unknown>;

/** The id under which the spec's components are registered in each Ajv instance. */
const SPEC_ID = 'beatpass-openapi';

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Json;
  allowEmptyValue?: boolean;
}
export interface OpenApiMediaType {
  schema?: Json;
}
export interface OpenApiRequestBody {
  required?: boolean;
  content: Record<string, OpenApiMediaType>;
}
export interface OpenApiResponse {
  content?: Record<string, OpenApiMediaType>;
}
export interface OpenApiOperation {
  operationId: string;
  parameters?: (OpenApiParameter | { $ref: string })[];
  requestBody?: OpenApiRequestBody | { $ref: string };
  responses: Record<string, OpenApiResponse | { $ref: string }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown> & { parameters?: (OpenApiParameter | { $ref: string })[] }>;
  components?: Json;
}

function stripExamplesAndPointRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripExamplesAndPointRefs);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'examples') continue;
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${SPEC_ID}${value}` : stripExamplesAndPointRefs(value);
  }
  return out;
}

export function loadSpec(): OpenApiDocument {
  return JSON.parse(readFileSync(bundledSpecPath, 'utf8')) as OpenApiDocument;
}

/** Follows a local `$ref` (parameters, request bodies, responses) in the original document. */
export function deref<T>(spec: OpenApiDocument, value: T | { $ref: string }): T {
  const ref = (value as { $ref?: string }).$ref;
  if (!ref) return value as T;
  return deref(
    spec,
    ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (at as Json)[key], spec) as T | { $ref: string },
  );
}

/** A schema taken from the spec, with its references pointed at the shared components. */
export const prepareSchema = (schema: unknown): Json => stripExamplesAndPointRefs(schema ?? {}) as Json;

const maxInt32 = 2 ** 31 - 1;
const minInt32 = -(2 ** 31);

/**
 * One Ajv for one purpose. Formats are checked in ajv-formats' `fast` mode (the full mode's
 * regexes cost three times as much per page and catch nothing our serializers could get wrong).
 */
export function createAjv(spec: OpenApiDocument, options: Pick<Options, 'coerceTypes' | 'useDefaults' | 'allErrors'>): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    strictNumbers: true,
    strictTuples: true,
    allowUnionTypes: false,
    validateSchema: false,
    allErrors: true,
    removeAdditional: false,
    ...options,
  });
  (addFormatsPlugin as unknown as (ajv: Ajv2020, options: { mode: 'fast' }) => void)(ajv, { mode: 'fast' });
  ajv.addFormat('int32', { type: 'number', validate: (i: number) => Number.isInteger(i) && i <= maxInt32 && i >= minInt32 });
  ajv.addFormat('int64', { type: 'number', validate: (i: number) => Number.isInteger(i) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('binary', true);
  ajv.addFormat('password', true);
  ajv.addFormat('media-range', true);
  ajv.addSchema({ components: prepareSchema(spec.components) }, SPEC_ID);
  return ajv;
}
