// The request target of an operation, from the operation table: its path with the path
// parameters filled in (percent-encoded), and the query string.
import { operationTable, type OperationId } from '../../generated/contract.js';

export type Scalar = string | number | boolean;

export function operationUrl(
  operationId: OperationId,
  input: { path?: Record<string, Scalar>; query?: Record<string, Scalar | readonly Scalar[] | undefined> } = {},
): string {
  const info = operationTable[operationId];
  const path = info.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = input.path?.[name];
    if (value === undefined) throw new Error(`${operationId}: no value for path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(input.query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, String(item));
  }
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}
