// `prism proxy <spec> <upstream>` forwards every request to the real server and answers with an
// error instead of any request or response that breaks the spec, so a second validator,
// independent of the server's own, checks real traffic.
import { startPrism, type PrismProcess } from '../../server/mock/prism.js';

export type { PrismProcess };

export function startPrismProxy(specPath: string, upstream: string): Promise<PrismProcess> {
  return startPrism(['proxy', specPath, upstream]);
}
