// Proves that the generated Handlers contract is enforced by the compiler: a missing
// handler, an undeclared status or a wrong body shape fails type-checking (and so `npm test`).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(root, 'test/contract/.scratch-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const header = `
import type { Handlers } from '../../../generated/contract.js';
import { createHandlers } from '../../../server/app.js';
import type { RequestContext } from '../../../server/http/request-context.js';
declare const real: Handlers<RequestContext>;
`;

const cases = {
  complete: `export const handlers: Handlers<RequestContext> = { ...createHandlers({} as never, { secureCookies: false, storage: {} as never }) };`,
  missingHandler: `const { getTrack, ...rest } = real;\nexport const handlers: Handlers<RequestContext> = rest;`,
  undeclaredStatus: `export const handlers: Handlers<RequestContext> = { ...real, getTrack: async () => ({ status: 500, body: { message: 'boom' } }) };`,
  wrongBody: `export const handlers: Handlers<RequestContext> = { ...real, getTrack: async () => ({ status: 404, body: { error: 'nope' } }) };`,
};

function diagnosticsByCase(): Record<string, string[]> {
  const files = Object.entries(cases).map(([name, body]) => {
    const file = join(scratch, `${name}.ts`);
    writeFileSync(file, header + body + '\n');
    return [name, file] as const;
  });
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const program = ts.createProgram(files.map(([, f]) => f), config.options);
  const result: Record<string, string[]> = {};
  for (const [name, file] of files) {
    result[name] = ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return result;
}

describe('the generated handler contract', () => {
  const diagnostics = diagnosticsByCase();

  it('accepts the real handlers', () => {
    expect(diagnostics.complete).toEqual([]);
  });

  it('rejects a handlers object with an operation left out', () => {
    expect(diagnostics.missingHandler!.join('\n')).toMatch(/Property 'getTrack' is missing/);
  });

  it('rejects a status the operation does not declare', () => {
    expect(diagnostics.undeclaredStatus!.join('\n')).toMatch(/500/);
  });

  it('rejects a body that does not match the declared schema', () => {
    expect(diagnostics.wrongBody!.join('\n')).toMatch(/error/);
  });
});
