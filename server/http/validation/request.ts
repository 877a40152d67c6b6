// Request validation compiled once per operation at start-up: path parameters, query,
// declared headers and the body are each checked by their own Ajv function, with the
// spec's coercion rules (strings from the URL become integers and booleans; bodies are
// never coerced). Nothing here looks the route up again: the operation is already known.
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { ApiRequest } from '../api-request.js';
import { HttpError } from '../errors.js';
import { requestInvalid, toIssues, type ValidationIssue } from './issues.js';
import {
  createAjv,
  deref,
  prepareSchema,
  type Json,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiParameter,
  type OpenApiRequestBody,
} from './spec-schemas.js';

type Location = 'path' | 'query' | 'header';

interface CompiledParameters {
  validate: ValidateFunction;
  names: Set<string>;
  /** Query parameters that may be sent empty (`?q=`). */
  allowEmpty: Set<string>;
}

interface CompiledBody {
  required: boolean;
  /** Declared media types (lowercase, no parameters) → the body's validator. */
  byMediaType: Map<string, ValidateFunction | undefined>;
}

/** Validates and coerces `req` in place; throws the 422 of what failed, or a 415. */
export type OperationRequestValidator = (req: ApiRequest) => void;

/** The operation's parameters with the path's own, dereferenced; an operation's entry overrides the path's. */
export function parametersOf(spec: OpenApiDocument, path: string, operation: OpenApiOperation): OpenApiParameter[] {
  const byKey = new Map<string, OpenApiParameter>();
  for (const p of [...(spec.paths[path]?.parameters ?? []), ...(operation.parameters ?? [])]) {
    const parameter = deref<OpenApiParameter>(spec, p);
    byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  return [...byKey.values()];
}

function objectSchema(parameters: OpenApiParameter[], location: Location): Json {
  const properties: Json = {};
  const required: string[] = [];
  for (const p of parameters) {
    if (p.in !== location) continue;
    const name = location === 'header' ? p.name.toLowerCase() : p.name;
    properties[name] = prepareSchema(p.schema);
    if (p.required) required.push(name);
  }
  return { type: 'object', properties, required };
}

const mediaTypeOf = (contentType: string | undefined) => contentType?.split(';')[0]?.trim().toLowerCase() || undefined;

/** Multipart file fields reach the body as empty strings, so `required` sees them. */
function markUploadedFiles(req: ApiRequest) {
  const files = (req as ApiRequest & { files?: { fieldname: string }[] }).files;
  if (!Array.isArray(files) || files.length === 0) return;
  req.body ??= {};
  const body = req.body as Record<string, unknown>;
  const counts = new Map<string, number>();
  for (const file of files) counts.set(file.fieldname, (counts.get(file.fieldname) ?? 0) + 1);
  for (const [field, count] of counts) body[field] = count > 1 ? new Array<string>(count).fill('') : '';
}

export function compileRequestValidators(
  spec: OpenApiDocument,
  operations: Iterable<{ operationId: string; path: string; method: string }>,
): Map<string, OperationRequestValidator> {
  const coercing = createAjv(spec, { coerceTypes: true, useDefaults: true });
  const bodies = createAjv(spec, { coerceTypes: false, useDefaults: true });
  const validators = new Map<string, OperationRequestValidator>();

  for (const { operationId, path, method } of operations) {
    const operation = spec.paths[path]?.[method.toLowerCase()] as OpenApiOperation | undefined;
    if (!operation) throw new Error(`Operation ${operationId} is not in the bundled spec`);
    const parameters = parametersOf(spec, path, operation);
    const compile = (location: Location): CompiledParameters => ({
      validate: coercing.compile(objectSchema(parameters, location)),
      names: new Set(parameters.filter((p) => p.in === location).map((p) => (location === 'header' ? p.name.toLowerCase() : p.name))),
      allowEmpty: new Set(parameters.filter((p) => p.in === location && p.allowEmptyValue).map((p) => p.name)),
    });
    const pathParams = compile('path');
    const query = compile('query');
    const headers = compile('header');
    const requestBody = operation.requestBody ? deref<OpenApiRequestBody>(spec, operation.requestBody) : undefined;
    const body: CompiledBody | undefined = requestBody && {
      required: requestBody.required === true,
      byMediaType: new Map(
        Object.entries(requestBody.content).map(([type, media]) => [
          type.toLowerCase(),
          // A binary body (an upload) is streamed, never validated as JSON.
          (media.schema as { format?: string } | undefined)?.format === 'binary' ? undefined : bodies.compile(prepareSchema(media.schema)),
        ]),
      ),
    };
    const declaredTypes = body ? [...body.byMediaType.keys()].join(' or ') : '';

    validators.set(operationId, (req) => {
      const issues: ValidationIssue[] = [];

      if (!pathParams.validate(req.pathParams)) issues.push(...toIssues('/params', pathParams.validate.errors));

      const queryValues = req.query;
      for (const [name, value] of Object.entries(queryValues)) {
        if (!query.names.has(name)) {
          throw requestInvalid([{ path: `/query/${name}`, message: `Unknown query parameter '${name}'` }]);
        }
        if (value === '' && !query.allowEmpty.has(name)) {
          throw requestInvalid([{ path: `/query/${name}`, message: `Empty value found for query parameter '${name}'` }]);
        }
      }
      if (!query.validate(queryValues)) issues.push(...toIssues('/query', query.validate.errors));

      if (headers.names.size > 0) {
        const declared: Record<string, unknown> = {};
        for (const name of headers.names) if (req.headers[name] !== undefined) declared[name] = req.headers[name];
        if (!headers.validate(declared)) issues.push(...toIssues('/headers', headers.validate.errors));
      }

      if (body) {
        const mediaType = mediaTypeOf(req.headers['content-type']);
        if (mediaType === undefined && !body.required) {
          // No body was sent, and none is needed.
        } else if (mediaType === undefined || !body.byMediaType.has(mediaType)) {
          throw new HttpError(415, `Unsupported media type: send ${declaredTypes}.`);
        } else {
          if (mediaType === 'multipart/form-data') markUploadedFiles(req);
          const validate = body.byMediaType.get(mediaType);
          if (req.body === undefined) {
            if (body.required) issues.push({ path: '/body', message: "must have required property 'body'", errorCode: 'required.openapi.validation' });
          } else if (validate && !validate(req.body)) {
            issues.push(...toIssues('/body', validate.errors));
          }
        }
      }

      if (issues.length > 0) throw requestInvalid(issues);
    });
  }
  return validators;
}
