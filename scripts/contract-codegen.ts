// Renders generated/contract.ts from the bundled spec: the operation table the server's
// router, rate limiter, security check and list helper read, the rate-limit groups, and the
// per-operation type maps the handler contract (server/contract/handlers.ts) is built from:
// each operation's response union (exactly the declared statuses and bodies), its tag and
// whether it needs a signed-in caller. Types come from api.d.ts and the static shapes from
// server/contract/operation-info.ts; this file only emits data and names.

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface MediaTypes {
  [type: string]: unknown;
}
interface ResponseObject {
  content?: MediaTypes;
}
interface ParameterObject {
  name: string;
  in: string;
  schema?: { maximum?: number; default?: unknown };
}
type Ref = { $ref: string };
interface Operation {
  operationId: string;
  parameters?: Array<ParameterObject | Ref>;
  security?: Array<Record<string, string[]>>;
  requestBody?: { content?: MediaTypes };
  responses: Record<string, ResponseObject | { $ref: string }>;
  'x-rate-limit-group': string;
  tags?: string[];
  'x-pagination'?: { style: string; items: string; per_page?: { default: number; maximum: number } };
}
export interface BundledSpec {
  tags?: Array<{ name: string }>;
  security?: Array<Record<string, string[]>>;
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>> & { parameters?: Array<ParameterObject | Ref> }>;
  components?: { responses?: Record<string, ResponseObject>; parameters?: Record<string, ParameterObject> };
  'x-rate-limit-groups': Record<string, RateLimitGroup>;
}

interface RateLimitGroup {
  limit: number;
  window_seconds: number;
  key: string;
  within?: string;
}

/** The keys server/http/rate-limit.ts knows how to count by. */
const RATE_LIMIT_KEYS = ['user', 'ip', 'email-ip', 'pending-user'];

/** The security schemes that sign a caller in: the session cookie and developer tokens. */
const CALLER_SCHEMES = new Set(['sessionCookie', 'bearerAuth']);

function checkRateLimitGroups(groups: Record<string, RateLimitGroup>): void {
  for (const [name, group] of Object.entries(groups)) {
    if (!RATE_LIMIT_KEYS.includes(group.key)) throw new Error(`x-rate-limit-groups.${name}: unknown key ${group.key} (one of ${RATE_LIMIT_KEYS.join(', ')})`);
    if (group.within === undefined) continue;
    const ceiling = groups[group.within];
    if (!ceiling) throw new Error(`x-rate-limit-groups.${name}: within names no group (${group.within})`);
    // One level only: the limiter counts a request against its group and that group's ceiling.
    if (ceiling.within !== undefined) throw new Error(`x-rate-limit-groups.${name}: its ceiling ${group.within} has a ceiling of its own`);
  }
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

/**
 * `x-pagination` as the operation table carries it. Page sizes are declared once, in the
 * extension; a `per_page` parameter whose own maximum or default disagrees fails generation.
 */
function paginationOf(id: string, op: Operation, parameters: ParameterObject[]) {
  const extension = op['x-pagination'];
  const perPage = parameters.find((p) => p.in === 'query' && p.name === 'per_page');
  if (!extension) {
    if (perPage) throw new Error(`${id} takes per_page but declares no x-pagination with its page sizes`);
    return undefined;
  }
  const sizes = extension.per_page;
  if (Boolean(perPage) !== Boolean(sizes)) {
    throw new Error(`${id}: x-pagination.per_page must be declared exactly when the operation takes per_page`);
  }
  if (sizes && perPage) {
    if (perPage.schema?.maximum !== sizes.maximum) {
      throw new Error(`${id}: per_page's maximum (${perPage.schema?.maximum}) differs from x-pagination.per_page.maximum (${sizes.maximum})`);
    }
    if (perPage.schema?.default !== undefined && perPage.schema.default !== sizes.default) {
      throw new Error(`${id}: per_page's default (${String(perPage.schema.default)}) differs from x-pagination.per_page.default (${sizes.default})`);
    }
  }
  return {
    style: extension.style,
    items: extension.items,
    ...(sizes ? { perPage: { default: sizes.default, maximum: sizes.maximum } } : {}),
  };
}

export function renderContract(spec: BundledSpec): string {
  const table: string[] = [];
  const responseTypes: string[] = [];
  const handlerEntries: string[] = [];
  const tagEntries: string[] = [];
  const userEntries: string[] = [];
  const paginated: string[] = [];
  const tags = (spec.tags ?? []).map((t) => t.name);
  const seen = new Set<string>();
  checkRateLimitGroups(spec['x-rate-limit-groups']);

  for (const path of Object.keys(spec.paths).sort()) {
    for (const method of METHODS) {
      const op = spec.paths[path]![method];
      if (!op) continue;
      const id = op.operationId;
      if (seen.has(id)) throw new Error(`Duplicate operationId ${id}`);
      seen.add(id);
      // Only the schemes that sign a caller in count here; one the handler checks itself (the
      // Stripe signature over the body) leaves the caller anonymous.
      const security = (op.security ?? spec.security ?? []).map((s) => Object.keys(s).filter((name) => CALLER_SCHEMES.has(name)));
      const anonymous = security.length === 0 || security.some((names) => names.length === 0);
      const schemes = [...new Set(security.flat())].sort();
      const statuses = Object.keys(op.responses)
        .map(Number)
        .sort((a, b) => a - b);
      const parameters = [...(spec.paths[path]!.parameters ?? []), ...(op.parameters ?? [])].map((p) => resolveParameter(spec, p));
      const headerParameters = parameters.filter((p) => p.in === 'header').map((p) => p.name);
      if (op.tags?.length !== 1 || !tags.includes(op.tags[0]!)) {
        throw new Error(`${id} must have exactly one tag, declared at the root (it names the domain that implements it)`);
      }
      const tag = op.tags[0]!;
      const requiresUser = !anonymous && schemes.length > 0;
      const pagination = paginationOf(id, op, parameters);
      const info = {
        operationId: id,
        method: method.toUpperCase(),
        path,
        tag,
        anonymous,
        requiresUser,
        schemes,
        rateLimitGroup: op['x-rate-limit-group'],
        statuses,
        hasJsonBody: Boolean(op.requestBody?.content?.['application/json']),
        hasMultipartBody: Boolean(op.requestBody?.content?.['multipart/form-data']),
        headerParameters,
        ...(pagination ? { pagination } : {}),
      };
      table.push(`  ${id}: ${JSON.stringify(info)},`);
      tagEntries.push(`  ${id}: '${tag}';`);
      userEntries.push(`  ${id}: ${requiresUser};`);
      if (pagination?.perPage) paginated.push(id);

      const variants = statuses.map((status) => {
        const response = resolveResponse(spec, op.responses[String(status)]!);
        const content = response.content ?? {};
        const json = content['application/json'] ? `operations['${id}']['responses'][${status}]['content']['application/json']` : undefined;
        // A status offering JSON and another media type answers either, as the request's Accept asks.
        const other = Object.keys(content).some((type) => type !== 'application/json') ? 'FileBody' : undefined;
        const body = [json, other].filter(Boolean).join(' | ') || 'undefined';
        return `  | { status: ${status}; body: ${body}; headers?: ResponseHeaders }`;
      });
      responseTypes.push(`export type ${pascal(id)}Response =\n${variants.join('\n')};`);
      handlerEntries.push(`  ${id}: ${pascal(id)}Response;`);
    }
  }

  return `import type { operations } from './api.js';
import type { FileBody, OperationInfo as OperationInfoOf, ResponseHeaders } from '../server/contract/operation-info.js';

export type OperationId = keyof operations;

/** The spec's tags; each names the server domain that implements its operations. */
export type Tag = ${tags.map((t) => `'${t}'`).join(' | ')};

export const rateLimitGroups = ${JSON.stringify(spec['x-rate-limit-groups'], null, 2)} as const;
export type RateLimitGroupName = keyof typeof rateLimitGroups;

/** What the operation table says about one operation. */
export type OperationInfo = OperationInfoOf<OperationId, RateLimitGroupName, Tag>;

export const operationTable: Readonly<Record<OperationId, OperationInfo>> = {
${table.join('\n')}
};

${responseTypes.join('\n\n')}

/** The response union of each operation: exactly its declared statuses and bodies. */
export interface OperationResponses {
${handlerEntries.join('\n')}
}

/** The tag of each operation. */
export interface OperationTags {
${tagEntries.join('\n')}
}

/** Whether each operation requires a signed-in caller. */
export interface OperationRequiresUser {
${userEntries.join('\n')}
}

/** Operations that take \`page\` and \`per_page\`, with page sizes in the operation table. */
export type PaginatedOperationId =
${paginated.map((id) => `  | '${id}'`).join('\n')};
`;
}
