// express-openapi-validator over the bundled spec: requests always, responses when
// configured (on in development and tests). Security is enforced by our own step, which
// knows sessions and tokens.
import * as OpenApiValidator from 'express-openapi-validator';
import type { RequestHandler } from 'express';
import { readFileSync } from 'node:fs';

export const bundledSpecPath = new URL('../../generated/openapi.json', import.meta.url);

export function createValidator(options: {
  validateRequests?: boolean;
  validateResponses: boolean;
  /** Where multipart files are streamed while the request is handled, and their size limit. */
  uploads: { tempDir: string; maxBytes: number };
}): RequestHandler[] {
  const apiSpec = JSON.parse(readFileSync(bundledSpecPath, 'utf8'));
  if (options.validateRequests === false && !options.validateResponses) return [(_req, _res, next) => next()];
  return OpenApiValidator.middleware({
    apiSpec,
    validateRequests: options.validateRequests === false ? false : { allErrors: true, allowUnknownQueryParameters: false },
    validateResponses: options.validateResponses ? { allErrors: true } : false,
    validateSecurity: false,
    validateApiSpec: false,
    fileUploader: { dest: options.uploads.tempDir, limits: { fileSize: options.uploads.maxBytes, files: 1, fields: 20 } },
  }) as RequestHandler[];
}
