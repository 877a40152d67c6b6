// express-openapi-validator over the bundled spec: requests always, responses when
// configured (on in development and tests). Security is enforced by our own step, which
// knows sessions and tokens.
import * as OpenApiValidator from 'express-openapi-validator';
import type { RequestHandler } from 'express';
import { readFileSync } from 'node:fs';

export const bundledSpecPath = new URL('../../generated/openapi.json', import.meta.url);

export function createValidator(options: { validateResponses: boolean }): RequestHandler[] {
  const apiSpec = JSON.parse(readFileSync(bundledSpecPath, 'utf8'));
  return OpenApiValidator.middleware({
    apiSpec,
    validateRequests: { allErrors: true, allowUnknownQueryParameters: false },
    validateResponses: options.validateResponses ? { allErrors: true } : false,
    validateSecurity: false,
    validateApiSpec: false,
  }) as RequestHandler[];
}
