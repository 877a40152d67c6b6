// The /docs page's own script, run in the browser after Scalar's standalone bundle
// (scripts/build-docs.ts bundles it into dist/docs/docs.js). It mounts the API reference on the
// spec embedded in the page and makes the "Test Request" console behave like the web app
// against the sandbox it was served from: same origin, so the session cookie flows by itself.

declare const Scalar: { createApiReference(target: string, configuration: Record<string, unknown>): unknown };

/** Methods that never need the XSRF header (Laravel's VerifyCsrfToken reads the rest). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The XSRF-TOKEN cookie that GET /sanctum/csrf-cookie and POST /login set, decoded as axios does. */
function xsrfToken(): string | undefined {
  const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : undefined;
}

/** What the console adds to or removes from each request before sending it. */
function prepare(request: Request): void {
  // With the token field left empty the console still sends a bare "Bearer", which the sandbox
  // answers with 401 even on public routes; without a token the caller is anonymous, or the
  // session when signed in.
  if (/^Bearer\s*$/i.test(request.headers.get('Authorization') ?? '')) request.headers.delete('Authorization');
  // The session flow's CSRF header, as the web app's axios sends it. Always the cookie's value:
  // the example the spec shows for the header would get 419.
  const token = xsrfToken();
  if (token !== undefined && !SAFE_METHODS.has(request.method)) request.headers.set('X-XSRF-TOKEN', token);
}

const spec = document.getElementById('openapi')?.textContent;
if (!spec) throw new Error('The page has no embedded spec (script#openapi); rebuild it with `npm run docs`.');

Scalar.createApiReference('#app', {
  content: JSON.parse(spec),
  // Nothing from outside the sandbox: the system fonts instead of Scalar's font CDN, and no
  // telemetry or hosted AI agent.
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  showDeveloperTools: 'never',
  // The console offers a developer token first; a session needs no field (the cookie flows).
  authentication: { preferredSecurityScheme: 'bearerAuth' },
  onBeforeRequest: ({ request }: { request: Request }) => prepare(request),
});
