// An app of its own that installed the packed client (test/client/packed.test.ts copies this
// file into an empty project, type-checks it with tsc and runs it with node): a token from
// the token sign-in, a bearer read, a paginated walk, a typed error, and the session flow.
// It prints what it saw as one JSON line.
import { BeatPassError, createBeatPassClient, paginate, unwrap, type components } from '@beatpass/client';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:3000';
const password = 'beatpass-demo';

const anonymous = createBeatPassClient({ baseUrl });
const { user } = unwrap(await anonymous.POST('/api/v1/auth/login', { body: { email: 'developer@beatpass.test', password, token_name: 'packed client' } }));
const api = createBeatPassClient({ baseUrl, auth: { mode: 'token', token: user.access_token } });

const { track } = unwrap(await api.GET('/api/v1/tracks/{track_id}', { params: { path: { track_id: 1 } } }));

const genres: string[] = [];
for await (const genre of paginate(api, '/api/v1/genres', { params: { query: { per_page: 10 } } })) genres.push(genre.name);

let missing: number | undefined;
try {
  unwrap(await api.GET('/api/v1/tracks/{track_id}', { params: { path: { track_id: 2_147_483_647 } } }));
} catch (error) {
  if (error instanceof BeatPassError) missing = error.status;
}

const web = createBeatPassClient({ baseUrl, auth: { mode: 'session' } });
const login: components['schemas']['LoginResult'] = await web.session.login({ email: 'listener@beatpass.test', password });
const me = unwrap(await web.GET('/api/v1/users/{user_id}', { params: { path: { user_id: 'me' } } }));

console.log(
  JSON.stringify({ tokenUser: user.email, track: track.id, genres: genres.length, missing, twoFactor: login.two_factor, sessionUser: me.user.email }),
);

/** Never called: tsc must reject these calls, or the package's types did not reach this app. */
export function rejectedByTheTypes(): void {
  // @ts-expect-error track_id is an integer in the contract
  void api.GET('/api/v1/tracks/{track_id}', { params: { path: { track_id: 'one' } } });
  // @ts-expect-error no such path
  void api.GET('/api/v1/no-such-path');
  // @ts-expect-error a token client needs its token
  createBeatPassClient({ baseUrl, auth: { mode: 'token' } });
}
