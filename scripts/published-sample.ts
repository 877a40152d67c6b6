// A code sample as the docs publish it (x-codeSamples): written as an app that installed the
// client would write it, and calling the local sandbox. The files in openapi/code-samples
// import the client from the repository instead, so that they type-check where they are.
import { SANDBOX_URL } from '../server/http/sandbox-url.js';

export function publishedSample(source: string): string {
  return source.replaceAll("'../../client/index.js'", "'@beatpass/client'").replaceAll("baseUrl: 'https://open.beatpass.ca'", `baseUrl: '${SANDBOX_URL}'`);
}
