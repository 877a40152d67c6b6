// fast-check arbitraries for one request to one operation: credentials, path, query, body.
// Values stay compact in counterexamples: very long or deeply nested parts are written as
// placeholders (`__HUGE_n__`, `__DEEP_n__`, ...) that `expand` turns into real text at send
// time, and values that only exist at run time (`__TOTP_NOW__`, `__OWN_TOKEN__`, ...) are
// filled in by the test from the live credentials.
//
// Shrinking: every choice between alternatives lists the simplest first and lets fast-check
// cross-shrink to it (`withCrossShrink`), so a failing request shrinks towards an anonymous
// caller, no optional query parameter, no unexpected body and a valid one where one is needed,
// keeping only what the failure needs.
import { mulberry32 } from '../../server/seed/prng.js';
import fc from 'fast-check';
import { JSONSchemaFaker as jsf } from 'json-schema-faker';
import { DEMO_PASSWORD, DEMO_RECOVERY_CODES, demoUsers } from '../../server/seed/seed.js';
import type { JsonSchema, OperationModel } from './spec.js';

export type CredentialKind =
  | 'anonymous'
  | 'xsrfOnly'
  | 'session'
  | 'sessionBadXsrf'
  | 'bearer'
  | 'bearerPlusSession'
  | 'invalidBearer'
  | 'invalidSession'
  | 'pendingTwoFactor';

export interface BodySpec {
  /** How this body was made, for the report (valid, nearValid:removeField, malformed, ...). */
  label: string;
  /** null: send the bytes without any Content-Type header. */
  contentType: string | null;
  text: string;
}

export interface FuzzCase {
  credential: CredentialKind;
  /** Detail for the hostile credential kinds (which bad XSRF, which bad token, ...). */
  credentialVariant: string;
  accept: string | null;
  pathValues: Record<string, string>;
  query: string;
  body: BodySpec | null;
}

// ---------------------------------------------------------------------------------------
// Placeholders

export function expand(text: string): string {
  return text
    .replace(/"__DEEP_ARRAY_(\d+)__"/g, (_m, n: string) => '['.repeat(Number(n)) + ']'.repeat(Number(n)))
    .replace(/"__DEEP_OBJECT_(\d+)__"/g, (_m, n: string) => '{"a":'.repeat(Number(n)) + '1' + '}'.repeat(Number(n)))
    .replace(/__HUGE_(\d+)__/g, (_m, n: string) => 'x'.repeat(Number(n)))
    .replace(/__DIGITS_(\d+)__/g, (_m, n: string) => '9'.repeat(Number(n)));
}

// ---------------------------------------------------------------------------------------
// Seeded json-schema-faker

jsf.option({
  optionalsProbability: 0.6,
  failOnInvalidFormat: false,
  failOnInvalidTypes: false,
  useExamplesValue: false,
  useDefaultValue: false,
  maxItems: 5,
});

/**
 * `jsf.generate` on an already dereferenced schema (`jsf.resolve` breaks under ESM). A few
 * jsf code paths call Math.random directly, so it is swapped for the seeded PRNG too.
 */
export function fake(schema: JsonSchema, seed: number): unknown {
  const random = mulberry32(seed);
  const original = Math.random;
  Math.random = random;
  jsf.option({ random });
  try {
    return jsf.generate(structuredClone(schema) as Parameters<typeof jsf.generate>[0]);
  } finally {
    Math.random = original;
  }
}

// ---------------------------------------------------------------------------------------
// Credentials

/**
 * How often each kind is sent. Operations open to everyone without any scheme (the sign-in
 * routes) get more browser-like callers (XSRF cookie, pending sign-in), since those are the
 * ones that get past their CSRF check.
 */
function credentialWeights(op: OperationModel): Record<CredentialKind, number> {
  const publicOnly = op.info.schemes.length === 0;
  return {
    anonymous: 2,
    xsrfOnly: publicOnly ? 5 : 1,
    session: 3,
    sessionBadXsrf: 1,
    bearer: publicOnly ? 1 : 3,
    bearerPlusSession: 1,
    invalidBearer: 2,
    invalidSession: 1,
    pendingTwoFactor: publicOnly ? 2 : 1,
  };
}

/** `__TOKEN__` / `__TOKEN_ID__` are the live shared bearer token and its id. */
const INVALID_AUTHORIZATIONS = [
  'Bearer invalid',
  'Bearer ',
  'Bearer',
  'Bearer a b',
  'Basic dXNlcjpwYXNz',
  'Token __TOKEN__',
  'Bearer __TOKEN__ extra',
  'Bearer __TOKEN_ID__|wrong-secret',
  'Bearer __TOKEN_ID__|',
  'Bearer |secret',
  'Bearer 1|' + 'x'.repeat(40),
  'Bearer 0|' + 'x'.repeat(40),
  'Bearer -1|' + 'x'.repeat(40),
  'Bearer 1e3|' + 'x'.repeat(40),
  'Bearer 0x10|' + 'x'.repeat(40),
  'Bearer 2147483647|' + 'x'.repeat(40),
  'Bearer 2147483648|' + 'x'.repeat(40),
  'Bearer 9007199254740991|' + 'x'.repeat(40),
  'Bearer 99999999999999999999|' + 'x'.repeat(40),
  'Bearer __proto__|constructor',
  'Bearer __HUGE_6000__',
  'Bearer 1|__HUGE_6000__',
];

/** Broken or hostile cookies (kind `invalidSession`), sent ahead of a valid XSRF cookie. */
const INVALID_SESSION_COOKIES = [
  'beatpass_session=garbage',
  'beatpass_session=',
  'beatpass_session=%',
  'beatpass_session=%E0%A4%A',
  'beatpass_session=__proto__',
  'beatpass_session=' + 'a'.repeat(40),
  'beatpass_session=__HUGE_6000__',
  'beatpass_session=a; beatpass_session=b',
  'beatpass_session="quoted"',
  'beatpass_session=j%3A%7B%22a%22%3A1%7D',
  'beatpass_session=j:1',
  'beatpass_session=j:[]',
  'beatpass_session=s:signed.value',
  // Sent before the real XSRF cookie, so this one wins (the first cookie of a name counts).
  'XSRF-TOKEN=j:1',
  'XSRF-TOKEN=j%3A%5B%5D',
  'XSRF-TOKEN=',
];

const BAD_XSRF = ['missing', 'wrong', 'truncated', 'otherAgent', 'tooLong', 'empty'];

const VARIANTS: Partial<Record<CredentialKind, readonly string[]>> = {
  invalidBearer: INVALID_AUTHORIZATIONS,
  invalidSession: INVALID_SESSION_COOKIES,
  sessionBadXsrf: BAD_XSRF,
};

/** A credential kind (anonymous first: the simplest caller) with its variant. */
function credentialArb(op: OperationModel): fc.Arbitrary<{ credential: CredentialKind; credentialVariant: string }> {
  const kinds = (Object.entries(credentialWeights(op)) as [CredentialKind, number][]).map(([credential, weight]) => ({
    weight,
    arbitrary: fc.constantFrom(...(VARIANTS[credential] ?? [''])).map((credentialVariant) => ({ credential, credentialVariant })),
  }));
  return fc.oneof({ withCrossShrink: true }, ...kinds);
}

// ---------------------------------------------------------------------------------------
// Strings

/** `arbitrary` with the given probability, otherwise `nil` (which failures shrink to). */
function sometimes<T, N>(arbitrary: fc.Arbitrary<T>, probability: number, nil: N): fc.Arbitrary<T | N> {
  const weight = Math.round(probability * 100);
  return fc.oneof({ withCrossShrink: true }, { weight: 100 - weight, arbitrary: fc.constant(nil) }, { weight, arbitrary });
}

function safeEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
  }
}

const anyText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('ü', '日本語', '🎵🎧', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇', '\u202Eevil', '\u0000', 'a\u0000b', '\uFEFF', ' ', '\t', '\n'),
);

const ID_CONSTANTS = [
  '0',
  '-1',
  '-0',
  '+1',
  '1.0',
  '1.5',
  '1e3',
  '0x1f',
  '0b1',
  '00001',
  ' 1',
  '1 ',
  'Infinity',
  '-Infinity',
  'NaN',
  '2147483647',
  '2147483648',
  '4294967296',
  '9007199254740991',
  '9007199254740992',
  '99999999999999999999',
  '__DIGITS_400__',
  'null',
  'undefined',
  'true',
  'false',
  'me',
  'ME',
  'Me',
  'me2',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
];

/** Not URL-encoded on purpose: broken escapes, encoded separators, traversal, injection. */
const URL_JUNK = [
  '%',
  '%zz',
  '%00',
  '%2F',
  '%2f..%2f',
  '%2e%2e',
  '..%2F..%2Fetc%2Fpasswd',
  '%C0%AF',
  '%E0%A4%A',
  '%FF',
  '%25',
  '%u0041',
  '1%20OR%201%3D1',
  "1'--",
  '%0d%0aSet-Cookie:%20x=1',
  '1;x',
  '1,2',
  '%5B1%5D',
  '%7B%7D',
  '1%23frag',
  '1%3Fq=1',
  '%20',
  '%09',
  '~',
  '*',
  '$',
  '1:2',
  '@',
  '...',
  '.hidden',
  '%2e%2e%2f',
];

// ---------------------------------------------------------------------------------------
// Path parameters

function isDotSegmentOrEmpty(value: string): boolean {
  return /^(\.|%2e){0,2}$/i.test(value);
}

function pathValueArb(op: OperationModel, name: string, schema: JsonSchema | undefined): fc.Arbitrary<string> {
  const options: fc.WeightedArbitrary<string>[] = [
    { weight: 5, arbitrary: fc.integer({ min: 1, max: 5 }).map(String) },
    { weight: 2, arbitrary: fc.integer({ min: 6, max: 2_000_000 }).map(String) },
    { weight: 3, arbitrary: fc.constantFrom(...ID_CONSTANTS) },
    { weight: 2, arbitrary: anyText.map(safeEncode) },
    { weight: 2, arbitrary: fc.constantFrom(...URL_JUNK) },
    { weight: 1, arbitrary: fc.constantFrom('__HUGE_300__', '__HUGE_3000__', '__HUGE_7000__', '__DIGITS_30__', '__DIGITS_5000__') },
  ];
  if (schema) options.push({ weight: 3, arbitrary: fc.integer().map((seed) => safeEncode(String(fake(schema, seed)))) });
  // Ids that only exist at run time: the caller's own token, the shared token, the caller.
  if (/token/i.test(name)) options.push({ weight: 3, arbitrary: fc.constantFrom('__OWN_TOKEN_ID__', '__TOKEN_ID__') });
  if (/user/i.test(name)) options.push({ weight: 1, arbitrary: fc.constant('__OWN_USER_ID__') });
  void op;
  // An empty value or a dot segment makes the URL address a different operation (the URL
  // parser turns `/tracks/.` into `/tracks/`), so those are not inputs of this one.
  return fc.oneof({ withCrossShrink: true }, ...options).filter((value) => !isDotSegmentOrEmpty(value));
}

// ---------------------------------------------------------------------------------------
// Query strings

const WRONG_QUERY_VALUES = [
  '',
  'abc',
  'true',
  'false',
  '1.5',
  '-1',
  '0',
  '-0',
  '1e2',
  'null',
  '[]',
  '{}',
  ' 1',
  '0x10',
  'NaN',
  'Infinity',
  '2147483648',
  '9007199254740992',
  '__DIGITS_40__',
  '__DIGITS_3000__',
  '__HUGE_300__',
  '__HUGE_5000__',
  '__proto__',
];

const UNKNOWN_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'foo',
  'PAGE',
  'Page',
  'page[]',
  'per_page[]',
  'page[a]',
  'query[0]',
  'a.b',
  'include',
  'sort',
  'filter[user_id]',
  'per-page',
  '%zz',
  '',
  '__HUGE_300__',
];

const RAW_QUERY_JUNK = ['%', '&&', '=', '=x', '%zz=1', '%00=1', 'a=%E0%A4%A', '&', '?', '#', ';', 'a=1;b=2', '%26=%3D'];

function queryValueArb(schema: JsonSchema | undefined): fc.Arbitrary<string[]> {
  const single = fc.oneof(
    { withCrossShrink: true },
    { weight: 6, arbitrary: schema ? fc.integer().map((seed) => safeEncode(String(fake(schema, seed)))) : fc.constant('1') },
    { weight: 3, arbitrary: fc.constantFrom(...WRONG_QUERY_VALUES).map(safeEncodeKeepingPlaceholders) },
    { weight: 1, arbitrary: anyText.map(safeEncode) },
    { weight: 1, arbitrary: fc.constantFrom(...URL_JUNK) },
  );
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 9, arbitrary: single.map((v) => [v]) },
    { weight: 1, arbitrary: fc.array(single, { minLength: 2, maxLength: 3 }) }, // repeated key
  );
}

function safeEncodeKeepingPlaceholders(value: string): string {
  return /^__[A-Z]+_\d+__$/.test(value) ? value : safeEncode(value);
}

/** Half the time a well-formed query (declared parameters with schema values), else hostile. */
function queryArb(op: OperationModel): fc.Arbitrary<string> {
  const wellFormed = fc
    .tuple(
      ...op.queryParams.map((p) =>
        sometimes(
          fc.integer().map((seed) => `${encodeURIComponent(p.name)}=${p.schema ? safeEncode(String(fake(p.schema, seed))) : '1'}`),
          0.5,
          undefined,
        ),
      ),
    )
    .map((parts) => parts.filter((p) => p !== undefined).join('&'));
  return fc.oneof({ withCrossShrink: true }, { weight: 1, arbitrary: wellFormed }, { weight: 1, arbitrary: hostileQueryArb(op) });
}

function hostileQueryArb(op: OperationModel): fc.Arbitrary<string> {
  const declared = op.queryParams.map((p) =>
    sometimes(
      queryValueArb(p.schema).map((values) => values.map((v) => `${encodeURIComponent(p.name)}=${v}`)),
      0.5,
      undefined,
    ),
  );
  const unknown = sometimes(
    fc.array(
      fc
        .tuple(
          fc.oneof(fc.constantFrom(...UNKNOWN_KEYS).map(safeEncodeKeepingPlaceholders), anyText.map(safeEncode)),
          fc.oneof(fc.constantFrom('1', 'x', ''), anyText.map(safeEncode)),
        )
        .map(([k, v]) => `${k}=${v}`),
      { minLength: 1, maxLength: 2 },
    ),
    op.queryParams.length > 0 ? 0.4 : 0.7,
    undefined,
  );
  const junk = sometimes(fc.constantFrom(...RAW_QUERY_JUNK), 0.25, undefined);
  return fc
    .tuple(fc.tuple(...declared), unknown, junk)
    .map(([parts, extra, raw]) => [...parts.flatMap((p) => p ?? []), ...(extra ?? []), ...(raw === undefined ? [] : [raw])].join('&'));
}

// ---------------------------------------------------------------------------------------
// Bodies

const demoEmails = demoUsers.map((u) => u.email);

/** Known-good values by property name, so generated bodies sometimes get past the handler. */
const HINTS: Record<string, (random: () => number) => unknown> = {
  email: (r) => pick(r, [...demoEmails, demoEmails[0]!.toUpperCase(), ` ${demoEmails[2]} `]),
  password: () => DEMO_PASSWORD,
  password_confirmation: () => DEMO_PASSWORD,
  code: () => '__TOTP_NOW__',
  recovery_code: (r) => pick(r, [...DEMO_RECOVERY_CODES]),
};

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A body generated from the request schema, with known-good values mixed in by the seed. */
export function validBody(schema: JsonSchema, seed: number): unknown {
  const value = fake(schema, seed);
  const random = mulberry32(seed ^ 0x5bd1e995);
  if (isObject(value) && random() < 0.6) {
    for (const key of Object.keys(value)) {
      const hint = HINTS[key];
      if (hint && random() < 0.85) value[key] = hint(random);
    }
  }
  if (isObject(value) && 'password' in value && 'password_confirmation' in value && random() < 0.7) value.password_confirmation = value.password;
  return value;
}

const MUTATIONS = ['removeField', 'wrongType', 'tooLong', 'extraField', 'nullField', 'emptyObject', 'arrayWrapped', 'oddString', 'oddString'] as const;

/** Strings that are valid JSON but awkward for the layers below (NUL, lone surrogates, bidi, NFKC, padding). */
const ODD_STRINGS = [
  'abc\u0000def',
  '\u0000',
  'abc\ud800def',
  '\udfff',
  '\u202eabc',
  'ﬀﬁ ﬂ',
  '\ufeffabc',
  '   abc   ',
  'abc\r\ndef',
  '日本語テキスト',
  '🎵🎧🎶',
  "abc'; DROP TABLE users; --",
  '%00abc',
  '<script>alert(1)</script>',
  '${jndi:x}',
];
type Mutation = (typeof MUTATIONS)[number];

const WRONG_TYPED: unknown[] = [0, -1, 1.5, 1e308, true, false, null, [], {}, ['a'], { a: 1 }, '', ' ', '__HUGE_300__'];

function mutate(schema: JsonSchema, value: unknown, mutation: Mutation, seed: number): unknown {
  const random = mulberry32(seed ^ 0x27d4eb2f);
  const props = schema.properties as Record<string, JsonSchema> | undefined;
  const keys = isObject(value) ? Object.keys(value) : [];
  const schemaKeys = Object.keys(props ?? {});
  const target = keys.length > 0 ? pick(random, keys) : schemaKeys.length > 0 ? pick(random, schemaKeys) : 'field';
  const object: Record<string, unknown> = isObject(value) ? { ...value } : {};
  switch (mutation) {
    case 'removeField':
      delete object[target];
      return object;
    case 'wrongType':
      object[target] = pick(random, WRONG_TYPED);
      return object;
    case 'tooLong': {
      const max = props?.[target]?.maxLength;
      object[target] = `__HUGE_${typeof max === 'number' ? max + 1 : pick(random, [256, 1000, 70_000])}__`;
      return object;
    }
    case 'extraField':
      object[pick(random, ['extra', 'id', 'is_admin', 'developer_access', 'user_id', 'role'])] = pick(random, WRONG_TYPED);
      return object;
    case 'nullField':
      object[target] = null;
      return object;
    case 'oddString': {
      const odd = pick(random, ODD_STRINGS);
      const current = object[target];
      // Keep a valid prefix where there is one, so the value still passes length and format checks.
      object[target] = typeof current === 'string' && random() < 0.5 ? `${current.slice(0, 2)}${odd}` : odd;
      return object;
    }
    case 'emptyObject':
      return {};
    case 'arrayWrapped':
      return [value];
  }
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

/** JSON text whose object really carries a prototype key (JSON.stringify would drop `__proto__`). */
function withPrototypeKey(validText: string, key: string, payload: string, placement: 'first' | 'last' | 'only' | 'nested'): string {
  const member = `${JSON.stringify(key)}:${payload}`;
  switch (placement) {
    case 'only':
      return `{${member}}`;
    case 'nested':
      return `{${JSON.stringify(key)}:${validText}}`;
    case 'first':
      return validText.startsWith('{') ? `{${member}${validText === '{}' ? '' : ','}${validText.slice(1)}` : `{${member}}`;
    case 'last':
      return validText.startsWith('{') ? `${validText.slice(0, -1)}${validText === '{}' ? '' : ','}${member}}` : `{${member}}`;
  }
}

const PROTO_PAYLOADS = [
  '{"polluted":true}',
  '{"prototype":{"polluted":true}}',
  '{"admin":true,"developer_access":true}',
  'null',
  '1',
  '"x"',
  '[]',
  '{}',
  '{"__proto__":{"polluted":true}}',
];

const MALFORMED_JSON = [
  '{',
  '}',
  '[',
  '{"a":}',
  '{"email":"x",}',
  "{'email':'x'}",
  'nul',
  'undefined',
  'NaN',
  '[1,]',
  '"unterminated',
  '{"a":1}{"b":2}',
  '\u0000',
  '',
  ' ',
  '\uFEFF{}',
  '{"a":"\\uZZZZ"}',
  '01',
  '{"a":01}',
  '{"a" 1}',
  '{a:1}',
  '{"a":1,,}',
  '{"email":"\uD800"}',
  '{"a":1e999}',
  '--',
  '\n\n',
  '{"__proto__":',
  'true',
  'null',
  '1',
  '"string"',
];

const WRONG_CONTENT_TYPES = [
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset=nope',
  'application/jsonp',
  'APPLICATION/JSON',
  'application/merge-patch+json',
  'application/vnd.api+json',
  '*/*',
  'application/json, text/plain',
  'application/octet-stream',
  'json',
  '',
  'application/json;',
  '(none)',
];

function contentType(value: string): string | null {
  return value === '(none)' ? null : value;
}

function bodyArb(op: OperationModel): fc.Arbitrary<BodySpec> {
  const schema = op.requestSchema ?? { type: 'object' };
  const json = 'application/json';
  const valid = fc.integer().map((seed) => JSON.stringify(validBody(schema, seed)));
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 12, arbitrary: valid.map((text) => ({ label: 'valid', contentType: json, text })) },
    {
      weight: 6,
      arbitrary: fc.tuple(fc.integer(), fc.constantFrom(...MUTATIONS)).map(([seed, mutation]) => ({
        label: `nearValid:${mutation}`,
        contentType: json,
        text: JSON.stringify(mutate(schema, validBody(schema, seed), mutation, seed)),
      })),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ label: 'jsonValue', contentType: json, text: JSON.stringify(v) ?? 'null' })) },
    { weight: 2, arbitrary: fc.object({ maxDepth: 3 }).map((v) => ({ label: 'object', contentType: json, text: JSON.stringify(v) ?? '{}' })) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          valid,
          fc.constantFrom(...PROTO_KEYS),
          fc.constantFrom(...PROTO_PAYLOADS),
          fc.constantFrom('first', 'last', 'only', 'nested') as fc.Arbitrary<'first' | 'last' | 'only' | 'nested'>,
        )
        .map(([text, key, payload, placement]) => ({
          label: `prototypeKey:${key}:${placement}`,
          contentType: json,
          text: withPrototypeKey(text, key, payload, placement),
        })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.integer(), fc.constantFrom('ARRAY', 'OBJECT'), fc.constantFrom(50, 1_000, 20_000), fc.boolean())
        .map(([seed, shape, depth, whole]) => {
          const deep = `__DEEP_${shape}_${depth}__`;
          if (whole) return { label: `deep:${shape}:${depth}`, contentType: json, text: JSON.stringify(deep) };
          const value = validBody(schema, seed);
          const object: Record<string, unknown> = isObject(value) ? { ...value } : {};
          const keys = Object.keys(object);
          object[keys.length > 0 ? keys[Math.abs(seed) % keys.length]! : 'field'] = deep;
          return { label: `deep:${shape}:${depth}:inField`, contentType: json, text: JSON.stringify(object) };
        }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.integer(), fc.constantFrom(256, 10_000, 500_000, 1_100_000)).map(([seed, size]) => {
        const value = validBody(schema, seed);
        const object: Record<string, unknown> = isObject(value) ? { ...value } : {};
        const keys = Object.keys(object);
        object[keys.length > 0 ? keys[Math.abs(seed) % keys.length]! : 'field'] = `__HUGE_${size}__`;
        return { label: `huge:${size}`, contentType: json, text: JSON.stringify(object) };
      }),
    },
    {
      weight: 4,
      arbitrary: fc
        .oneof(
          fc.constantFrom(...MALFORMED_JSON),
          fc.tuple(valid, fc.nat()).map(([text, cut]) => text.slice(0, Math.max(1, cut % Math.max(1, text.length)))),
        )
        .map((text) => ({ label: 'malformedJson', contentType: json, text })),
    },
    {
      weight: 4,
      arbitrary: fc.tuple(valid, fc.constantFrom(...WRONG_CONTENT_TYPES)).map(([text, type]) => ({
        label: `contentType:${type}`,
        contentType: contentType(type),
        text: type === 'application/x-www-form-urlencoded' ? 'email=a%40b.c&password=x&name=abc' : text,
      })),
    },
    { weight: 1, arbitrary: fc.constantFrom(json, '(none)').map((type) => ({ label: 'empty', contentType: contentType(type), text: '' })) },
  );
}

/** Unsafe operations without a JSON body: usually none, sometimes an unexpected one. */
function unexpectedBodyArb(): fc.Arbitrary<BodySpec | null> {
  return sometimes(
    fc.oneof(
      fc.constantFrom(...MALFORMED_JSON.slice(0, 8)).map((text) => ({ label: 'unexpected:malformedJson', contentType: 'application/json', text })),
      fc.jsonValue({ maxDepth: 2 }).map((v) => ({ label: 'unexpected:json', contentType: 'application/json', text: JSON.stringify(v) ?? 'null' })),
      fc.constantFrom('hello', '<html></html>').map((text) => ({ label: 'unexpected:text', contentType: 'text/plain', text })),
    ),
    0.15,
    null,
  );
}

export function caseArb(op: OperationModel): fc.Arbitrary<FuzzCase> {
  const pathValues = fc.record(
    Object.fromEntries(op.pathParams.map((p) => [p.name, pathValueArb(op, p.name, p.schema)])) as Record<string, fc.Arbitrary<string>>,
  );
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(op.info.method);
  const body: fc.Arbitrary<BodySpec | null> = op.info.hasJsonBody
    ? op.bodyRequired
      ? bodyArb(op)
      : sometimes(bodyArb(op), 0.8, null)
    : unsafe
      ? unexpectedBodyArb()
      : fc.constant(null);
  return fc
    .record({
      cred: credentialArb(op),
      accept: fc.constantFrom<string | null>('application/json', 'application/json', 'application/json', '*/*', 'text/html', null),
      pathValues,
      query: queryArb(op),
      body,
    })
    .map(({ cred, ...rest }) => ({ credential: cred.credential, credentialVariant: cred.credentialVariant, ...rest }));
}
