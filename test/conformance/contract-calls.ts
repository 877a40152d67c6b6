// Calls one operation by operationId, the way the workflows and the example replay speak to
// the server: the URL comes from the operation table, the caller is a cookie-keeping Agent
// (browser session) and/or a bearer token, and every answer is checked against the contract
// with the same independent validators the fuzz uses (test/fuzz/spec.ts).
import { operationTable, type OperationId } from '../../generated/contract.js';
import type { Agent } from '../support/http.js';
import { operationUrl, type Scalar } from '../support/operation-url.js';
import { contractProblems, operations, type OperationModel } from '../fuzz/spec.js';

export type { Scalar };

export interface CallInput {
  path?: Record<string, Scalar>;
  query?: Record<string, Scalar | undefined>;
  body?: unknown;
  /** A multipart body (for operations with `hasMultipartBody`), instead of `body`. */
  form?: FormData;
  /** A body sent as is with its content type, instead of `body` or `form` (oversized or undeclared bodies). */
  raw?: { text: string; contentType: string };
  /** `Authorization: Bearer <token>`. */
  bearer?: string;
  /** More request headers (a webhook's signature). */
  headers?: Record<string, string>;
  /** Send X-XSRF-TOKEN from the agent's cookie (default: the agent's, on for unsafe methods when it has one). */
  xsrf?: boolean;
}

export interface Exchange {
  operationId: OperationId;
  request: string;
  status: number;
  headers: Headers;
  body: any;
  /** Contract violations (undeclared status, 5xx, invalid body); empty when the answer conforms. */
  problems: string[];
}

const models = new Map(operations.map((op) => [op.id as string, op]));

export function model(operationId: OperationId, from: readonly OperationModel[] = operations): OperationModel {
  const found = from === operations ? models.get(operationId) : from.find((op) => op.id === operationId);
  if (!found) throw new Error(`No operation ${operationId} in the contract`);
  return found;
}

/** Sends one request for `operationId` through `agent` and checks the answer against `contract`. */
export async function call(agent: Agent, operationId: OperationId, input: CallInput = {}, contract: readonly OperationModel[] = operations): Promise<Exchange> {
  const info = operationTable[operationId];
  const path = operationUrl(operationId, input);
  const headers: Record<string, string> = { ...input.headers };
  if (input.bearer !== undefined) headers.authorization = `Bearer ${input.bearer}`;
  if (input.raw) headers['content-type'] = input.raw.contentType;
  const reply = await agent.request(info.method, path, {
    ...(input.body === undefined ? {} : { json: input.body }),
    ...(input.form === undefined ? {} : { form: input.form }),
    ...(input.raw === undefined ? {} : { body: input.raw.text }),
    headers,
    ...(input.xsrf === undefined ? {} : { xsrf: input.xsrf }),
  });
  const contentType = reply.headers.get('content-type');
  const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  return {
    operationId,
    request: `${info.method} ${path}${input.body === undefined ? '' : ` ${JSON.stringify(input.body)}`}${input.form ? ' (multipart)' : ''}${input.raw ? ` (${input.raw.contentType}, ${input.raw.text.length} bytes)` : ''}${input.bearer ? ' (bearer)' : ''}`,
    status: reply.status,
    headers: reply.headers,
    body: reply.body,
    problems: contractProblems(model(operationId, contract), { status: reply.status, contentType, text }),
  };
}
