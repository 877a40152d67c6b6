// The TypeScript samples the docs show per operation (openapi/code-samples/<operationId>.ts,
// injected into the bundle as x-codeSamples by scripts/generate.ts) are real code: they
// compile against the generated types with the project's compiler options, each calls its
// own operation, and each is named after an existing operation. Every operation has one, so
// that the docs show a sample next to each.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { operationTable, type OperationId } from '../../generated/contract.js';
import { publishedSample } from '../../scripts/published-sample.js';

const root = new URL('../../', import.meta.url).pathname;
const samplesDir = join(root, 'openapi/code-samples');
const samples = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.ts'))
  .sort();
const bundled = JSON.parse(readFileSync(join(root, 'generated/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { operationId?: string; 'x-codeSamples'?: { lang: string; label: string; source: string }[] }>>;
};

/** Type-checks files with tsconfig.json's options; returns the diagnostics as text. */
function typeCheck(files: string[]): string[] {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('typed code samples', () => {
  it('every sample is named after an operation', () => {
    const names = samples.map((f) => f.replace(/\.ts$/, ''));
    expect(
      names.filter((n) => !(n in operationTable)),
      'samples for operations that do not exist',
    ).toEqual([]);
  });

  it('every operation has a sample', () => {
    const names = new Set(samples.map((f) => f.replace(/\.ts$/, '')));
    const missing = Object.keys(operationTable).filter((id) => !names.has(id));
    expect(missing, 'operations without openapi/code-samples/<operationId>.ts').toEqual([]);
  });

  it.each(samples)('%s calls its operation', (file) => {
    const info = operationTable[file.replace(/\.ts$/, '') as OperationId];
    if (!info) return; // reported above
    const source = readFileSync(join(samplesDir, file), 'utf8');
    const direct = `.${info.method}('${info.path}'`;
    // paginate() accepts only length-aware GET paths (checked by the compiler) and requests each page itself.
    const pageable = info.method === 'GET' && info.pagination?.style === 'length-aware';
    const paged = pageable && new RegExp(`paginate\\(\\w+, '${info.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`).test(source);
    expect(source.includes(direct) || paged, `${file} calls neither ${direct}${pageable ? ` nor paginate(<client>, '${info.path}'` : ''}`).toBe(true);
  });

  it('the samples compile against the generated types, and a stale one would not', { timeout: 120_000 }, () => {
    // One program for both (type-checking costs seconds): the samples, plus a stale sample
    // calling a path the spec does not have, to prove the check has teeth.
    const dir = mkdtempSync(join(tmpdir(), 'beatpass-sample-'));
    try {
      const stale = join(dir, 'stale.mts');
      writeFileSync(
        stale,
        [
          `import { createBeatPassClient } from '${join(root, 'client/index.js')}';`,
          `const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });`,
          `await api.GET('/api/v1/no-such-operation', {});`,
        ].join('\n'),
      );
      const errors = typeCheck([...samples.map((f) => join(samplesDir, f)), stale]);
      expect(
        errors.filter((e) => !e.includes(stale)),
        'samples that do not compile',
      ).toEqual([]);
      expect(errors.filter((e) => e.includes(stale)).join('\n')).toContain('no-such-operation');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the bundle carries each sample as the x-codeSamples of its operation', () => {
    for (const [path, methods] of Object.entries(bundled.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!op.operationId) continue;
        const file = `${op.operationId}.ts`;
        if (!samples.includes(file)) continue;
        const expected = publishedSample(readFileSync(join(samplesDir, file), 'utf8'));
        expect(op['x-codeSamples'], `${method.toUpperCase()} ${path}: run npm run generate`).toEqual([
          { lang: 'TypeScript', label: 'TypeScript client', source: expected },
        ]);
      }
    }
  });
});
