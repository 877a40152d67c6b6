// The breaking-change gate's logic, shared by `npm run check:breaking`
// (scripts/check-breaking.ts), `npm run changelog:draft` (scripts/changelog-draft.ts) and the
// tests in test/conformance/breaking-gate.test.ts.
//
// Two direction-aware diffs of two bundled specs:
//   - `redocly diff --format json` (experimental in @redocly/cli 2.x; run from an empty temp
//     directory, because with a redocly.yaml in the cwd it rates every change "patch"), whose
//     `major` changes are breaking;
//   - api-smart-diff's `apiCompare`, a second opinion: its `breaking` diffs under `paths`.
// A change is breaking when either says so; each is mapped to the operations it affects
// (redocly reports a shared schema once, api-smart-diff once per operation, so the union
// names every affected operation). A breaking change passes the gate only when info.version's
// major number went up AND CHANGELOG.md has a `## <version>` section naming every affected
// operation as `operationId` in backticks.
//
// Known limits: only JSON bundles with internal $refs; changes outside `paths` that
// api-smart-diff alone calls breaking are ignored (it repeats them under each operation);
// "major" means the first number of info.version, also for 0.x versions; whether a change
// breaks clients is the tools' rules, not a proof (a tightened regex, for instance).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { apiCompare } from 'api-smart-diff';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

export type Spec = { info?: { version?: string }; paths?: Record<string, Record<string, { operationId?: string }>> } & Record<string, unknown>;

export interface BreakingChange {
  /** The affected operation, or null for a change outside any operation. */
  operationId: string | null;
  /** `GET /api/v1/tracks/{track_id}`, or the JSON pointer of a change outside paths. */
  where: string;
  message: string;
  source: 'redocly' | 'api-smart-diff';
}

export interface DiffReport {
  baseVersion: string;
  revisionVersion: string;
  breaking: BreakingChange[];
  /** Every affected operationId, sorted. */
  operations: string[];
  /** Breaking changes outside any operation (spec-wide). */
  specWide: BreakingChange[];
  counts: { redoclyMajor: number; redoclyMinor: number; redoclyPatch: number; smartDiffBreaking: number };
}

function operationsAt(spec: Spec, path: string, method?: string): { operationId: string; where: string }[] {
  const item = spec.paths?.[path];
  if (!item) return [];
  const methods = method ? [method] : METHODS.filter((m) => item[m]);
  return methods.filter((m) => item[m]?.operationId).map((m) => ({ operationId: item[m]!.operationId!, where: `${m.toUpperCase()} ${path}` }));
}

/** The operations a change at `segments` (a JSON path from the document root) touches, in base or revision. */
function affected(base: Spec, revision: Spec, segments: (string | number)[]): { operationId: string; where: string }[] {
  if (segments[0] !== 'paths' || typeof segments[1] !== 'string') return [];
  const method = typeof segments[2] === 'string' && METHODS.includes(segments[2]) ? segments[2] : undefined;
  const found = [...operationsAt(base, segments[1], method), ...operationsAt(revision, segments[1], method)];
  return [...new Map(found.map((f) => [f.operationId, f])).values()];
}

const decodePointer = (pointer: string) =>
  pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));

interface RedoclyChange {
  path: string;
  kind: string;
  impact: 'major' | 'minor' | 'patch';
  verdicts?: { message?: string; ruleId?: string }[];
}

async function redoclyDiff(base: Spec, revision: Spec): Promise<{ changes: RedoclyChange[] }> {
  // An empty directory of our own: no redocly.yaml in the cwd or above it.
  const dir = await mkdtemp(join(tmpdir(), 'beatpass-diff-'));
  try {
    await writeFile(join(dir, 'base.json'), JSON.stringify(base));
    await writeFile(join(dir, 'revision.json'), JSON.stringify(revision));
    const { stdout } = await run(join(root, 'node_modules/.bin/redocly'), ['diff', 'base.json', 'revision.json', '--format', 'json', '--fail-on', 'none'], {
      cwd: dir,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(stdout) as { changes: RedoclyChange[] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function diffSpecs(base: Spec, revision: Spec): Promise<DiffReport> {
  const breaking: BreakingChange[] = [];
  const counts = { redoclyMajor: 0, redoclyMinor: 0, redoclyPatch: 0, smartDiffBreaking: 0 };

  const redocly = await redoclyDiff(base, revision);
  for (const change of redocly.changes) {
    if (change.impact === 'major') counts.redoclyMajor += 1;
    else if (change.impact === 'minor') counts.redoclyMinor += 1;
    else counts.redoclyPatch += 1;
    if (change.impact !== 'major') continue;
    const segments = decodePointer(change.path);
    const messages = (change.verdicts ?? []).map((v) => v.message).filter(Boolean);
    const message = messages.length > 0 ? messages.join(' ') : `${change.kind} ${segments.slice(3).join('/') || segments.join('/')}`;
    const ops = affected(base, revision, segments);
    if (ops.length === 0) breaking.push({ operationId: null, where: change.path, message, source: 'redocly' });
    for (const op of ops) breaking.push({ operationId: op.operationId, where: op.where, message, source: 'redocly' });
  }

  const smart = apiCompare(base, revision);
  for (const diff of smart.diffs) {
    if (diff.type !== 'breaking') continue;
    const segments = diff.path as (string | number)[];
    if (segments[0] !== 'paths') continue; // repeated under each operation that uses it
    counts.smartDiffBreaking += 1;
    const detail = (diff as { description?: string }).description?.trim();
    // Its descriptions sometimes lose the property name ("in Response 200 content"): add the path.
    const message = detail?.includes('`') ? detail : `[${diff.action}] ${segments.slice(3).join('/')}${detail ? ` (${detail})` : ''}`;
    for (const op of affected(base, revision, segments)) breaking.push({ operationId: op.operationId, where: op.where, message, source: 'api-smart-diff' });
  }

  const operations = [...new Set(breaking.flatMap((b) => (b.operationId ? [b.operationId] : [])))].sort();
  return {
    baseVersion: String(base.info?.version ?? '0.0.0'),
    revisionVersion: String(revision.info?.version ?? '0.0.0'),
    breaking,
    operations,
    specWide: breaking.filter((b) => b.operationId === null),
    counts,
  };
}

const major = (version: string) => Number(/^v?(\d+)/.exec(version)?.[1] ?? NaN);

/** The `## <version>` section of a changelog (up to the next `## `), or null. */
export function changelogSection(changelog: string, version: string): string | null {
  const lines = changelog.split('\n');
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const heading = new RegExp(`^##\\s+\\[?v?${escaped}\\]?(\\s|$)`);
  const start = lines.findIndex((line) => heading.test(line));
  if (start === -1) return null;
  const end = lines.findIndex((line, i) => i > start && /^##\s/.test(line));
  return lines.slice(start, end === -1 ? undefined : end).join('\n');
}

export interface GateResult {
  ok: boolean;
  /** What the gate decided and why, one line each. */
  messages: string[];
}

export function evaluateGate(report: DiffReport, changelog: string): GateResult {
  if (report.breaking.length === 0) {
    return { ok: true, messages: [`No breaking changes (${report.baseVersion} → ${report.revisionVersion}).`] };
  }
  const messages: string[] = [];
  let ok = true;
  const named = report.operations.length > 0 ? report.operations.join(', ') : '(no single operation)';
  messages.push(
    `Breaking changes in ${report.operations.length} operation(s): ${named}${report.specWide.length ? `, plus ${report.specWide.length} spec-wide` : ''}.`,
  );
  if (!(major(report.revisionVersion) > major(report.baseVersion))) {
    ok = false;
    messages.push(`info.version must get a major bump: ${report.baseVersion} → ${report.revisionVersion}.`);
  }
  const section = changelogSection(changelog, report.revisionVersion);
  if (section === null) {
    ok = false;
    messages.push(`CHANGELOG.md has no "## ${report.revisionVersion}" section (draft one with \`npm run changelog:draft\`).`);
  } else {
    const missing = report.operations.filter((id) => !section.includes(`\`${id}\``));
    if (missing.length > 0) {
      ok = false;
      messages.push(`CHANGELOG.md's "## ${report.revisionVersion}" section does not name: ${missing.map((id) => `\`${id}\``).join(', ')}.`);
    }
  }
  if (ok)
    messages.push(`Allowed: major version bump ${report.baseVersion} → ${report.revisionVersion} with a changelog entry naming every affected operation.`);
  return { ok, messages };
}

/** Lists the breaking changes per operation, for the terminal. */
export function describeBreaking(report: DiffReport): string {
  const byOperation = new Map<string, BreakingChange[]>();
  for (const change of report.breaking) {
    const key = change.operationId ? `${change.operationId} (${change.where})` : `spec-wide (${change.where})`;
    byOperation.set(key, [...(byOperation.get(key) ?? []), change]);
  }
  return [...byOperation.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, changes]) => [`  ✖ ${key}`, ...[...new Set(changes.map((c) => `      ${c.message} [${c.source}]`))]].join('\n'))
    .join('\n');
}

/** A CHANGELOG.md section for the revision's version, naming every affected operation. */
export function draftChangelogEntry(report: DiffReport, date = new Date().toISOString().slice(0, 10)): string {
  const lines = [`## ${report.revisionVersion} (${date})`, ''];
  if (report.breaking.length === 0) {
    lines.push('No breaking changes.');
    return lines.join('\n') + '\n';
  }
  lines.push('### Breaking changes', '');
  const byOperation = new Map<string, { where: string; messages: Set<string> }>();
  for (const change of report.breaking) {
    const key = change.operationId ?? '(spec-wide)';
    const entry = byOperation.get(key) ?? { where: change.where, messages: new Set<string>() };
    entry.messages.add(change.message);
    byOperation.set(key, entry);
  }
  for (const [id, { where, messages }] of [...byOperation.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const label = id === '(spec-wide)' ? `Spec-wide (${where})` : `\`${id}\` (${where})`;
    lines.push(`- ${label}: ${[...messages].join(' ')}`);
  }
  if (!(major(report.revisionVersion) > major(report.baseVersion))) {
    lines.push('', `<!-- info.version is ${report.revisionVersion}: raise its major number (base ${report.baseVersion}) and retitle this section. -->`);
  }
  return lines.join('\n') + '\n';
}
