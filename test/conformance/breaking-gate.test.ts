// The breaking-change gate (scripts/breaking-changes.ts, `npm run check:breaking`) against
// deliberately changed copies of generated/openapi.json. The changes are found by walking the
// spec (the first operation with a suitable schema), not by naming today's operations.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { diffSpecs, draftChangelogEntry, evaluateGate, type Spec } from '../../scripts/breaking-changes.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const bundled = JSON.parse(readFileSync(join(root, 'generated/openapi.json'), 'utf8')) as Spec;
const scratch = mkdtempSync(join(tmpdir(), 'beatpass-gate-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Schema = { $ref?: string; type?: unknown; required?: string[]; properties?: Record<string, unknown> };
type Op = {
  operationId: string;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};

const copy = () => structuredClone(bundled) as Spec & { components: { schemas: Record<string, Schema> } };
const componentName = (schema: Schema | undefined) => (schema?.$ref?.startsWith('#/components/schemas/') ? schema.$ref.split('/').pop()! : null);

function* operations(spec: Spec): Generator<Op> {
  for (const path of Object.keys(spec.paths ?? {}).sort()) {
    for (const op of Object.values(spec.paths![path]!)) if ((op as Op).operationId) yield op as Op;
  }
}

/** The first operation whose 2xx JSON response is a component schema with a required property. */
function successSchemaWithRequired(spec: Spec & { components: { schemas: Record<string, Schema> } }) {
  for (const op of operations(spec)) {
    for (const [status, response] of Object.entries(op.responses)) {
      const name = componentName(response.content?.['application/json']?.schema);
      if (!status.startsWith('2') || !name) continue;
      const schema = spec.components.schemas[name]!;
      if (schema.required?.length) return { op, schema, property: schema.required[0]! };
    }
  }
  throw new Error('no 2xx response schema with a required property');
}

/** The first operation whose JSON request body is a component schema with properties. */
function requestSchema(spec: Spec & { components: { schemas: Record<string, Schema> } }) {
  for (const op of operations(spec)) {
    const name = componentName(op.requestBody?.content?.['application/json']?.schema);
    if (name && spec.components.schemas[name]!.properties) return { op, schema: spec.components.schemas[name]! };
  }
  throw new Error('no JSON request body with properties');
}

function majorBump(spec: Spec) {
  const major = Number(/^(\d+)/.exec(String(spec.info!.version))![1]);
  spec.info!.version = `${major + 1}.0.0`;
}

async function gate(revision: Spec, changelog = '') {
  const report = await diffSpecs(bundled, revision);
  return { report, result: evaluateGate(report, changelog) };
}

describe('breaking-change gate', () => {
  it('fails when a response field goes from required to optional, naming the operation', async () => {
    const revision = copy();
    const { op, schema, property } = successSchemaWithRequired(revision);
    schema.required = schema.required!.filter((p) => p !== property);

    const { report, result } = await gate(revision);

    expect(result.ok).toBe(false);
    expect(report.operations).toContain(op.operationId);
    expect(result.messages.join('\n')).toContain(op.operationId);
    // Both tools see it.
    expect(
      report.breaking
        .filter((b) => b.operationId === op.operationId)
        .map((b) => b.source)
        .sort(),
    ).toEqual(expect.arrayContaining(['api-smart-diff', 'redocly']));
  });

  it('fails when a request gets a new required field, naming the operation', async () => {
    const revision = copy();
    const { op, schema } = requestSchema(revision);
    schema.properties!.conformance_probe = { type: 'string' };
    schema.required = [...(schema.required ?? []), 'conformance_probe'];

    const { report, result } = await gate(revision);

    expect(result.ok).toBe(false);
    expect(report.operations).toContain(op.operationId);
    expect(result.messages.join('\n')).toMatch(new RegExp(`\\b${op.operationId}\\b`));
  });

  it('passes a non-breaking addition: an optional response field and a new operation', async () => {
    const revision = copy();
    const { schema } = successSchemaWithRequired(revision);
    schema.properties = { ...schema.properties, conformance_probe: { type: 'string' } };
    revision.paths!['/api/v1/conformance-probe'] = {
      get: {
        operationId: 'getConformanceProbe',
        summary: 'Probe',
        tags: ['Tracks'],
        responses: { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } } },
      } as never,
    };

    const { report, result } = await gate(revision);

    expect(report.breaking).toEqual([]);
    expect(report.counts.redoclyMinor).toBeGreaterThan(0);
    expect(result.ok).toBe(true);
  });

  it('passes a breaking change with a major bump and a changelog entry from changelog:draft, and not with only one of them', async () => {
    const revision = copy();
    const { op, schema, property } = successSchemaWithRequired(revision);
    schema.required = schema.required!.filter((p) => p !== property);

    const unbumped = await diffSpecs(bundled, revision);
    majorBump(revision);
    const report = await diffSpecs(bundled, revision);
    const entry = draftChangelogEntry(report, '2026-01-01');

    expect(entry).toContain(`## ${revision.info!.version} (2026-01-01)`);
    expect(entry).toContain(`\`${op.operationId}\``);
    expect(evaluateGate(report, `# Changelog\n\n${entry}`).ok).toBe(true);
    expect(evaluateGate(report, '# Changelog\n').ok, 'bump without an entry').toBe(false);
    expect(evaluateGate(report, `# Changelog\n\n## ${revision.info!.version}\n\nThings changed.\n`).ok, 'entry not naming the operation').toBe(false);
    expect(evaluateGate(unbumped, `# Changelog\n\n${draftChangelogEntry(unbumped)}`).ok, 'entry without a bump').toBe(false);
  });

  it('npm run check:breaking exits 1 on a breaking revision and 0 on the committed spec', async () => {
    const revision = copy();
    const { op, schema, property } = successSchemaWithRequired(revision);
    schema.required = schema.required!.filter((p) => p !== property);
    const base = join(scratch, 'base.json');
    const rev = join(scratch, 'revision.json');
    writeFileSync(base, JSON.stringify(bundled));
    writeFileSync(rev, JSON.stringify(revision));
    const tsx = join(root, 'node_modules/.bin/tsx');

    const failing = await run(tsx, ['scripts/check-breaking.ts', '--base', base, '--revision', rev], { cwd: root }).then(
      () => null,
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failing?.code).toBe(1);
    expect(failing?.stdout).toContain(op.operationId);
    expect(failing?.stderr).toContain('Breaking-change gate FAILED');

    const passing = await run(tsx, ['scripts/check-breaking.ts', '--base', base, '--revision', base], { cwd: root });
    expect(passing.stdout).toContain('No breaking changes');
  });
});
