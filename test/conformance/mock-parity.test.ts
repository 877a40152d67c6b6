// The mock answers like the sandbox: one table of requests, valid and invalid, goes to both,
// and each pair of answers must have the same status, the same CORS and challenge headers, and
// either the same body (every 4xx: message and field messages word for word) or, for a
// success, the same shape (the mock's data are the spec's examples, the sandbox's the demo
// catalog). Each side is called as the same kind of caller: anonymous, with a bearer token,
// or signed in through the web flow (session cookie + XSRF).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/seed.js';
import { type DemoUser, demoEmail, useTestServer } from '../support/fixture.js';
import { Agent, type Reply, type RequestOptions } from '../support/http.js';
import { MOCK_STARTUP_TIMEOUT_MS, startTestMock, type RunningMock } from '../support/mock.js';

/** `bearer`: the developer's token; `artist`: the producer's, for what only an artist may do. */
type Caller = 'anonymous' | 'bearer' | 'artist' | 'session';

interface ParityCase {
  name: string;
  as: Caller;
  method: string;
  path: string;
  options?: RequestOptions;
}

const ALLOWED_ORIGIN = 'http://localhost:5173';

function formWith(fields: Record<string, string | Blob>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

const cases: ParityCase[] = [
  { name: 'an anonymous track list (minimal tracks)', as: 'anonymous', method: 'GET', path: '/api/v1/tracks?per_page=2' },
  { name: 'an anonymous track page (minimal track)', as: 'anonymous', method: 'GET', path: '/api/v1/tracks/1' },
  { name: 'a track page with a bearer token (rich track)', as: 'bearer', method: 'GET', path: '/api/v1/tracks/1' },
  { name: 'the signed-in user through the session', as: 'session', method: 'GET', path: '/api/v1/users/me' },
  { name: 'the XSRF cookie', as: 'anonymous', method: 'GET', path: '/sanctum/csrf-cookie' },
  { name: 'an anonymous search (minimal results per type)', as: 'anonymous', method: 'GET', path: '/api/v1/search?query=night' },
  { name: 'a search query over 255 characters', as: 'anonymous', method: 'GET', path: `/api/v1/search?query=${'a'.repeat(256)}` },
  { name: 'user search without credentials', as: 'anonymous', method: 'GET', path: '/api/v1/users/search?query=night' },
  { name: 'the library without a likeables list', as: 'bearer', method: 'POST', path: '/api/v1/users/me/add-to-library', options: { json: {} } },
  {
    name: 'a track with an empty name and "bpm": "fast"',
    as: 'bearer',
    method: 'POST',
    path: '/api/v1/tracks',
    options: { json: { name: '', bpm: 'fast' } },
  },
  { name: 'per_page=0', as: 'anonymous', method: 'GET', path: '/api/v1/tracks?per_page=0' },
  { name: 'per_page=501', as: 'anonymous', method: 'GET', path: '/api/v1/genres?per_page=501' },
  { name: 'an unknown query parameter', as: 'anonymous', method: 'GET', path: '/api/v1/tracks?colour=red' },
  { name: 'an empty query parameter', as: 'anonymous', method: 'GET', path: '/api/v1/tracks?query=' },
  { name: 'a path parameter that is not an integer', as: 'anonymous', method: 'GET', path: '/api/v1/tracks/abc' },
  { name: 'the own account without credentials', as: 'anonymous', method: 'GET', path: '/api/v1/users/me' },
  { name: 'a write without credentials', as: 'anonymous', method: 'POST', path: '/api/v1/playlists', options: { json: { name: 'Late night' } } },
  {
    name: 'an Authorization header in another scheme',
    as: 'anonymous',
    method: 'GET',
    path: '/api/v1/tracks',
    options: { headers: { authorization: 'Basic dXNlcjpwYXNz' } },
  },
  {
    name: 'a session write without X-XSRF-TOKEN',
    as: 'session',
    method: 'POST',
    path: '/api/v1/playlists',
    options: { json: { name: 'Late night' }, xsrf: false },
  },
  {
    name: 'a session write with a wrong X-XSRF-TOKEN',
    as: 'session',
    method: 'POST',
    path: '/api/v1/playlists',
    options: { json: { name: 'Late night' }, headers: { 'x-xsrf-token': 'not-the-cookie' } },
  },
  { name: 'a sign-in without the XSRF cookie', as: 'anonymous', method: 'POST', path: '/login', options: { json: { email: 'a@b.test', password: 'x' } } },
  {
    name: 'a body that is not JSON',
    as: 'bearer',
    method: 'POST',
    path: '/api/v1/playlists',
    options: { body: '{"name": ', headers: { 'content-type': 'application/json' } },
  },
  {
    name: 'a body in a media type the operation does not take',
    as: 'bearer',
    method: 'POST',
    path: '/api/v1/playlists',
    options: { body: 'name=x', headers: { 'content-type': 'text/plain' } },
  },
  { name: 'an upload without its file', as: 'artist', method: 'POST', path: '/api/v1/uploads', options: { form: formWith({ title: 'x' }) } },
  { name: 'a path the spec does not have', as: 'anonymous', method: 'GET', path: '/api/v1/nothing-here' },
  { name: 'a method the path does not have', as: 'anonymous', method: 'DELETE', path: '/api/v1/genres' },
  {
    name: 'a preflight from a local dev server',
    as: 'anonymous',
    method: 'OPTIONS',
    path: '/api/v1/tracks',
    options: { headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST' } },
  },
  {
    name: 'an anonymous list from a local dev server',
    as: 'anonymous',
    method: 'GET',
    path: '/api/v1/genres',
    options: { headers: { origin: ALLOWED_ORIGIN } },
  },
  {
    name: 'a request from an origin that is not allowed',
    as: 'anonymous',
    method: 'GET',
    path: '/api/v1/genres',
    options: { headers: { origin: 'https://elsewhere.example' } },
  },
];

/** The headers a client acts on, besides the body. */
const COMPARED_HEADERS = [
  'www-authenticate',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'vary',
];

/** A body's structure without its data: the path of every field (array items as `[]`). */
interface Shape {
  fields: Set<string>;
  /** Fields that are null or an empty array: nothing below them can be compared. */
  empty: Set<string>;
}

function shapeOf(value: unknown, path = '', shape: Shape = { fields: new Set(), empty: new Set() }): Shape {
  if (value === null || (Array.isArray(value) && value.length === 0)) shape.empty.add(path);
  else if (Array.isArray(value)) for (const item of value) shapeOf(item, `${path}[]`, shape);
  else if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      shape.fields.add(`${path}.${key}`);
      shapeOf(item, `${path}.${key}`, shape);
    }
  }
  return shape;
}

/** Fields of one body that the other lacks, except below a field the other has empty. */
function fieldsOnlyIn(a: Shape, b: Shape): string[] {
  const belowEmpty = (path: string) => [...b.empty].some((empty) => path.startsWith(`${empty}.`) || path.startsWith(`${empty}[]`));
  return [...a.fields].filter((path) => !b.fields.has(path) && !belowEmpty(path)).sort();
}

/** The cookies an answer sets, by name, without their values. */
const cookieNames = (reply: Reply) =>
  reply.headers
    .getSetCookie()
    .map((line) => line.split('=')[0])
    .sort();

const sandbox = useTestServer({ signIn: ['listener'] });
let mock: RunningMock;
let tokens: Record<'bearer' | 'artist', Record<string, string>>;
let mockSession: Agent;

/** A new agent for each request without a session, so no cookie of an earlier case is sent. */
function agentFor(side: 'sandbox' | 'mock', caller: Caller): Agent {
  const baseUrl = side === 'sandbox' ? sandbox.server.baseUrl : mock.baseUrl;
  if (caller === 'session') return side === 'sandbox' ? sandbox.as.listener : mockSession;
  return new Agent(baseUrl, caller === 'anonymous' ? {} : tokens[caller]);
}

async function bearerOf(user: DemoUser): Promise<Record<string, string>> {
  const reply = await sandbox.as.anonymous.call('loginWithToken', { body: { email: demoEmail(user), password: DEMO_PASSWORD, token_name: 'parity' } });
  if (reply.status !== 200) throw new Error(`test setup: the token sign-in of ${user} answered ${reply.status}`);
  return { authorization: `Bearer ${reply.body.user.access_token}` };
}

beforeAll(async () => {
  mock = await startTestMock();
  // The mock cannot know tokens: it takes the sandbox's as it would take any.
  tokens = { bearer: await bearerOf('developer'), artist: await bearerOf('producer') };
  mockSession = new Agent(mock.baseUrl);
  const signedIn = await mockSession.login(demoEmail('listener'), DEMO_PASSWORD);
  if (signedIn.status !== 200) throw new Error(`test setup: signing in on the mock answered ${signedIn.status}`);
}, MOCK_STARTUP_TIMEOUT_MS);

afterAll(async () => {
  await mock?.close();
});

describe('the mock answers as the sandbox does', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const [fromSandbox, fromMock] = await Promise.all(
        (['sandbox', 'mock'] as const).map((side) => agentFor(side, c.as).request(c.method, c.path, c.options)),
      );
      const context = `${c.method} ${c.path}\nsandbox: ${fromSandbox!.status} ${JSON.stringify(fromSandbox!.body)}\nmock: ${fromMock!.status} ${JSON.stringify(fromMock!.body)}`;

      expect(fromMock!.status, context).toBe(fromSandbox!.status);
      for (const name of COMPARED_HEADERS) {
        expect(fromMock!.headers.get(name), `${name}\n${context}`).toBe(fromSandbox!.headers.get(name));
      }
      expect(cookieNames(fromMock!), context).toEqual(cookieNames(fromSandbox!));
      if (fromSandbox!.status >= 400) {
        expect(fromMock!.body, context).toEqual(fromSandbox!.body);
      } else {
        const [mockShape, sandboxShape] = [shapeOf(fromMock!.body), shapeOf(fromSandbox!.body)];
        expect(fieldsOnlyIn(mockShape, sandboxShape), `fields only the mock has\n${context}`).toEqual([]);
        expect(fieldsOnlyIn(sandboxShape, mockShape), `fields only the sandbox has\n${context}`).toEqual([]);
      }
    });
  }
});

describe('the mock’s own choices', () => {
  it('gives a caller the example it asks for with Prefer, anonymous or not', async () => {
    const anonymous = agentFor('mock', 'anonymous');

    const rich = await anonymous.request('GET', '/api/v1/tracks/1', { headers: { prefer: 'example=signedIn' } });
    const missing = await anonymous.request('GET', '/api/v1/tracks/1', { headers: { prefer: 'code=404' } });

    expect(rich.status).toBe(200);
    expect(rich.body.track).toHaveProperty('artists');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: expect.any(String) });
  });

  it('takes an upload with its file and answers with the example', async () => {
    const wav = new Blob([Buffer.from('RIFF....WAVEfmt ')], { type: 'audio/wav' });

    const reply = await agentFor('mock', 'artist').request('POST', '/api/v1/uploads', { form: formWith({ file: wav }) });

    expect(reply.status).toBe(201);
    expect(reply.body.fileEntry).toEqual(expect.objectContaining({ id: expect.any(Number), mime: 'audio/wav' }));
  });

  it('ends the session at logout, as the sandbox does', async () => {
    const session = new Agent(mock.baseUrl);
    await session.login(demoEmail('listener'), DEMO_PASSWORD);
    const before = await session.request('GET', '/api/v1/users/me');

    const logout = await session.request('POST', '/logout');
    const after = await session.request('GET', '/api/v1/users/me');

    expect(before.status).toBe(200);
    expect(logout.status).toBe(204);
    expect(after.status).toBe(401);
  });
});
