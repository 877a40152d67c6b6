// The browser side of test/client/packed.test.ts: bundled by esbuild from the installed
// package, loaded by a page on another origin than the sandbox's, and called by the test as
// `window.packedClientFlow(api, password)`. Each step records its status or what it threw.
import { BeatPassError, createBeatPassClient, unwrap } from '@beatpass/client';

type Outcome = { status: number; email?: string } | { threw: string };

async function outcome(step: () => Promise<{ status: number; email?: string }>): Promise<Outcome> {
  try {
    return await step();
  } catch (error) {
    return error instanceof BeatPassError ? { status: error.status } : { threw: String(error) };
  }
}

async function packedClientFlow(api: string, password: string): Promise<Record<string, Outcome>> {
  const anonymous = createBeatPassClient({ baseUrl: api });
  const web = createBeatPassClient({ baseUrl: api, auth: { mode: 'session' } });
  let token = '';
  return {
    anonymousList: await outcome(async () => {
      const { response } = await anonymous.GET('/api/v1/tracks', { params: { query: { per_page: 2 } } });
      return { status: response.status };
    }),
    sessionLogin: await outcome(async () => {
      const result = await web.session.login({ email: 'listener@beatpass.test', password });
      return { status: 200, email: result.two_factor ? undefined : result.user.email };
    }),
    sessionMe: await outcome(async () => {
      const { user } = unwrap(await web.GET('/api/v1/users/{user_id}', { params: { path: { user_id: 'me' } } }));
      return { status: 200, email: user.email };
    }),
    sessionWrite: await outcome(async () => {
      const { response } = await web.POST('/api/v1/playlists', { body: { name: 'From the packed client', public: false, collaborative: false } });
      return { status: response.status };
    }),
    tokenLogin: await outcome(async () => {
      const { user } = unwrap(await anonymous.POST('/api/v1/auth/login', { body: { email: 'developer@beatpass.test', password, token_name: 'browser' } }));
      token = user.access_token;
      return { status: 200, email: user.email };
    }),
    bearerMe: await outcome(async () => {
      const bearer = createBeatPassClient({ baseUrl: api, auth: { mode: 'token', token } });
      const { user } = unwrap(await bearer.GET('/api/v1/users/{user_id}', { params: { path: { user_id: 'me' } } }));
      return { status: 200, email: user.email };
    }),
  };
}

Object.assign(globalThis, { packedClientFlow });
