// How the generated spec names the local sandbox, so that a running sandbox can serve it
// naming itself instead (PUBLIC_URL): imports into Postman or Insomnia, the docs' console and
// the docs' samples then target that sandbox, never production.

/** The spec's first server, and where the docs' TypeScript samples send their requests: the sandbox on its default port. */
export const SANDBOX_URL = 'http://127.0.0.1:3000';

/** The spec, or the docs built from it, naming the sandbox at `publicUrl`. */
export function namingSandbox(text: string, publicUrl: string): string {
  return text.replaceAll(SANDBOX_URL, publicUrl);
}
