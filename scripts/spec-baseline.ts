// Where the breaking-change gate finds the spec to compare against, in order:
//   1. `--base <file or git ref>` (a file path, else `git show <ref>:generated/openapi.json`);
//   2. `git show HEAD:generated/openapi.json`: the last commit of the current branch (on
//      main: the last commit of main), so uncommitted contract changes are gated;
//   3. openapi/baseline/openapi.json, the stored baseline, when there is no git history (a
//      clean export) or HEAD has no bundled spec. Refresh it at each release with
//      `npm run check:breaking -- --update-baseline`.
// In CI on a pull request, pass the target branch: `npm run check:breaking -- --base origin/main`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Spec } from './breaking-changes.js';

export const root = resolve(import.meta.dirname, '..');
export const BUNDLE = 'generated/openapi.json';
export const BASELINE = 'openapi/baseline/openapi.json';

function gitShow(ref: string): string | null {
  try {
    return execFileSync('git', ['show', `${ref}:${BUNDLE}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return null;
  }
}

export function loadBase(explicit?: string): { spec: Spec; from: string } {
  if (explicit) {
    const file = resolve(explicit);
    if (existsSync(file)) return { spec: JSON.parse(readFileSync(file, 'utf8')) as Spec, from: explicit };
    const shown = gitShow(explicit);
    if (shown === null) throw new Error(`--base ${explicit}: neither a file nor a git ref with ${BUNDLE}`);
    return { spec: JSON.parse(shown) as Spec, from: `${explicit}:${BUNDLE}` };
  }
  const head = gitShow('HEAD');
  if (head !== null) return { spec: JSON.parse(head) as Spec, from: `HEAD:${BUNDLE}` };
  return { spec: JSON.parse(readFileSync(join(root, BASELINE), 'utf8')) as Spec, from: `${BASELINE} (no git history with ${BUNDLE})` };
}

/** `--name value` from argv. */
export function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}
