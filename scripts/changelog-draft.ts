// `npm run changelog:draft`: prints the CHANGELOG.md section for generated/openapi.json's
// info.version, listing every breaking change per operationId from the same diff as
// `npm run check:breaking`. With --write it inserts the section at the top of CHANGELOG.md
// (replacing an existing section for that version). Same --base/--revision/--changelog options.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { changelogSection, diffSpecs, draftChangelogEntry, type Spec } from './breaking-changes.js';
import { BUNDLE, loadBase, option, root } from './spec-baseline.js';

const revision = JSON.parse(readFileSync(resolve(option('revision') ?? join(root, BUNDLE)), 'utf8')) as Spec;
const changelogPath = resolve(option('changelog') ?? join(root, 'CHANGELOG.md'));
const report = await diffSpecs(loadBase(option('base')).spec, revision);
const entry = draftChangelogEntry(report);

if (!process.argv.includes('--write')) {
  process.stdout.write(entry);
} else {
  const current = existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : '# Changelog\n';
  const existing = changelogSection(current, report.revisionVersion);
  let next: string;
  if (existing !== null) {
    next = current.replace(existing, entry.trimEnd() + '\n');
  } else {
    const firstSection = current.search(/^## /m);
    next = firstSection === -1 ? `${current.trimEnd()}\n\n${entry}` : `${current.slice(0, firstSection)}${entry}\n${current.slice(firstSection)}`;
  }
  writeFileSync(changelogPath, next);
  console.log(`${changelogPath}: section ${report.revisionVersion} written.`);
}
