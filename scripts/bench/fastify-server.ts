// The reference: a minimal Fastify 5 server serving the same list and show bodies from the
// same memory data, with schemas (querystring/params validated by ajv, responses serialised
// by fast-json-stringify from the spec's own response schemas). Prints "listening <port>".
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { bundledSpecPath } from '../../server/http/validator.js';
import { operationTable } from '../../generated/contract.js';
import { createPaging } from '../../server/http/pagination.js';
import { listBody, showBody } from './memory-data.js';

type Json = Record<string, unknown>;
const spec = JSON.parse(readFileSync(bundledSpecPath, 'utf8')) as Json;

/** Inlines `#/components/...` references and drops what is documentation only. */
function inline(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(inline);
  if (!node || typeof node !== 'object') return node;
  const ref = (node as { $ref?: string }).$ref;
  if (ref?.startsWith('#/')) {
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (at as Json)[key], spec);
    return inline(target);
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'examples' || key === 'example' || key.startsWith('x-') || key === 'discriminator') continue;
    out[key] = inline(value);
  }
  return out;
}

const operation = (path: string) => (spec.paths as Json)[path] as { get: { parameters: unknown[]; responses: Json } };
const parametersSchema = (params: unknown[], where: 'query' | 'path') => {
  const properties: Json = {};
  const required: string[] = [];
  for (const p of inline(params) as { name: string; in: string; required?: boolean; schema: unknown }[]) {
    if (p.in !== where) continue;
    properties[p.name] = p.schema;
    if (p.required) required.push(p.name);
  }
  return { type: 'object', properties, required, additionalProperties: false };
};
const responseSchema = (path: string, status: string) =>
  (inline(operation(path).get.responses[status]) as { content: { 'application/json': { schema: unknown } } }).content['application/json'].schema;

const app = Fastify({ logger: false });
const list = operation('/api/v1/tracks').get;
const show = operation('/api/v1/tracks/{track_id}').get;

app.get(
  '/api/v1/tracks',
  {
    schema: {
      querystring: parametersSchema(list.parameters, 'query'),
      response: { 200: responseSchema('/api/v1/tracks', '200') },
    },
  },
  async (request) => {
    const query = request.query as { page?: number; per_page?: number; perPage?: number };
    const url = `${request.protocol}://${request.host}${request.url.split('?')[0]}`;
    return listBody(createPaging(operationTable.listTracks.pagination!.perPage!, query, url));
  },
);

app.get(
  '/api/v1/tracks/:track_id',
  {
    schema: {
      params: parametersSchema(show.parameters, 'path'),
      response: { 200: responseSchema('/api/v1/tracks/{track_id}', '200'), 404: responseSchema('/api/v1/tracks/{track_id}', '404') },
    },
  },
  async (request, reply) => {
    const body = showBody((request.params as { track_id: number }).track_id);
    if (!body) return reply.code(404).send({ message: 'Track not found.' });
    return body;
  },
);

const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`listening ${new URL(address).port}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
void (null as unknown as AddressInfo);
