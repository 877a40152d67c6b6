// Proves that the handler contract is enforced by the compiler: a missing handler, an
// undeclared status or a wrong body shape fails type-checking (and so `npm test`), and so do
// a domain that leaves out an operation of its tag and one that implements another tag's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(root, 'test/contract/.scratch-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const header = `
import type { DomainHandlers, Handlers, TagHandlers } from '../../../server/contract/handlers.js';
import { createHandlers } from '../../../server/app.js';
import { createAlbumHandlers } from '../../../server/domains/albums/handlers.js';
declare const real: Handlers;
declare const domains: DomainHandlers;
`;

const cases = {
  complete: `export const handlers: Handlers = { ...createHandlers({} as never, { secureCookies: false, storage: {} as never, commerce: {} as never }) };`,
  missingHandler: `const { getTrack, ...rest } = real;\nexport const handlers: Handlers = rest;`,
  undeclaredStatus: `export const handlers: Handlers = { ...real, getTrack: async () => ({ status: 500, body: { message: 'boom' } }) };`,
  wrongBody: `export const handlers: Handlers = { ...real, getTrack: async () => ({ status: 404, body: { error: 'nope' } }) };`,
  domainMissingOperation: `const { getAlbum, ...rest } = createAlbumHandlers({} as never);\nexport const albums: TagHandlers<'Albums'> = rest;`,
  operationInWrongDomain: `export function createAlbumHandlers(): TagHandlers<'Albums'> {\n  return { ...domains.Albums, getTrack: real.getTrack };\n}`,
  domainMissingFromServer: `const { Albums, ...rest } = domains;\nexport const all: DomainHandlers = rest;`,
  signedInCaller: `export const ok: Handlers['createAlbum'] = async ({ auth }) => ({ status: 200, body: { status: 'success', album: null as never, userId: auth.user.id } as never });\nexport const notOk: Handlers['getAlbum'] = async ({ auth }) => { void auth.user.id; return null as never; };`,
};

function diagnosticsByCase(): Record<string, string[]> {
  const files = Object.entries(cases).map(([name, body]) => {
    const file = join(scratch, `${name}.ts`);
    writeFileSync(file, header + body + '\n');
    return [name, file] as const;
  });
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const program = ts.createProgram(
    files.map(([, f]) => f),
    config.options,
  );
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

  it('rejects a domain that leaves out an operation of its tag', () => {
    expect(diagnostics.domainMissingOperation!.join('\n')).toMatch(/Property 'getAlbum' is missing/);
  });

  it("rejects a domain that implements another tag's operation", () => {
    expect(diagnostics.operationInWrongDomain!.join('\n')).toMatch(/getTrack/);
  });

  it('rejects a server without the domain of one of the tags', () => {
    expect(diagnostics.domainMissingFromServer!.join('\n')).toMatch(/Property 'Albums' is missing/);
  });

  it('gives a non-null user to operations that require a caller, and a nullable one elsewhere', () => {
    const messages = diagnostics.signedInCaller!.join('\n');
    expect(messages).toMatch(/'auth.user' is possibly 'null'/);
    expect(diagnostics.signedInCaller).toHaveLength(1);
  });
});
