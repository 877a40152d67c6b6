// Renders generated/pagination.ts: what the client's `paginate` needs to know from the spec.
// It is kept apart from contract.ts, which carries the server's whole operation table and
// imports server types, so that the packed client (`npm pack ./client`) ships only this.
import type { BundledSpec } from './contract-codegen.js';

export function renderClientPagination(spec: BundledSpec): string {
  const entries: string[] = [];
  for (const path of Object.keys(spec.paths).sort()) {
    const pagination = spec.paths[path]!.get?.['x-pagination'];
    if (pagination?.style === 'length-aware') entries.push(`  '${path}': '${pagination.items}',`);
  }
  return `/** Where the items of each length-aware GET list sit in its 200 body (\`x-pagination.items\`), by path. */
export const lengthAwareItems: Readonly<Record<string, string>> = {
${entries.join('\n')}
};
`;
}
