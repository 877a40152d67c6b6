// `npm run check:breaking`: fails when generated/openapi.json breaks clients of the base spec
// (see scripts/spec-baseline.ts for which one) without a major info.version bump and a
// CHANGELOG.md entry naming the affected operations. The rules and the diff tools are in
// scripts/breaking-changes.ts. It does not regenerate: run `npm run generate` first.
//
//   --base <file|ref>      compare against this instead of HEAD
//   --revision <file>      the spec to check (default generated/openapi.json)
//   --changelog <file>     default CHANGELOG.md
//   --update-baseline      copy the revision to openapi/baseline/openapi.json and exit
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeBreaking, diffSpecs, evaluateGate, type Spec } from './breaking-changes.js';
import { BASELINE, BUNDLE, loadBase, option, root } from './spec-baseline.js';

const revisionPath = resolve(option('revision') ?? join(root, BUNDLE));
if (process.argv.includes('--update-baseline')) {
  copyFileSync(revisionPath, join(root, BASELINE));
  console.log(`${BASELINE} updated from ${revisionPath}.`);
  process.exit(0);
}

const changelogPath = resolve(option('changelog') ?? join(root, 'CHANGELOG.md'));
const { spec: base, from } = loadBase(option('base'));
const revision = JSON.parse(readFileSync(revisionPath, 'utf8')) as Spec;
const changelog = existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : '';

const report = await diffSpecs(base, revision);
const { redoclyMajor, redoclyMinor, redoclyPatch, smartDiffBreaking } = report.counts;
console.log(`Breaking-change gate: ${from} (${report.baseVersion}) → ${option('revision') ?? BUNDLE} (${report.revisionVersion})`);
console.log(`  redocly diff: ${redoclyMajor} major, ${redoclyMinor} minor, ${redoclyPatch} patch; api-smart-diff: ${smartDiffBreaking} breaking`);
if (report.breaking.length > 0) console.log(describeBreaking(report));
const result = evaluateGate(report, changelog);
for (const message of result.messages) console.log(`  ${message}`);
if (!result.ok) {
  console.error('Breaking-change gate FAILED.');
  process.exit(1);
}
