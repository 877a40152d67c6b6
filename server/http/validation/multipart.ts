// Multipart uploads: multer streams each file to a temporary path under the storage
// directory (never into memory); its failures become the documented 4xx answers.
import multer from 'multer';
import type { ApiRequest, ApiResponse } from '../api-request.js';
import { HttpError, validationError } from '../errors.js';

/** A size as the upload messages say it: `0.2 MB`, `256 MB`. */
export const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

function toHttpError(err: unknown, maxBytes: number): HttpError {
  if (err instanceof multer.MulterError) {
    const field = err.field ?? 'file';
    switch (err.code) {
      case 'LIMIT_FILE_SIZE':
        return validationError({ [field]: [`The ${field} may not be greater than ${megabytes(maxBytes)}.`] });
      case 'LIMIT_UNEXPECTED_FILE':
        return validationError({ [field]: [`The ${field} field is not allowed.`] });
      case 'LIMIT_FILE_COUNT':
        return validationError({ [field]: [`Send one ${field} only.`] });
      default:
        return validationError({ body: [`The multipart body is too large: ${err.message.toLowerCase()}.`] });
    }
  }
  return new HttpError(400, 'The multipart body is malformed.');
}

export function createMultipartParser(options: { tempDir: string; maxBytes: number }): (req: ApiRequest, res: ApiResponse) => Promise<void> {
  const parse = multer({ dest: options.tempDir, limits: { fileSize: options.maxBytes, files: 1, fields: 20 } }).any();
  return (req, res) =>
    new Promise((resolve, reject) => {
      // multer reads only Node's own request fields (headers, the body stream).
      parse(req as never, res as never, (err?: unknown) => (err ? reject(toHttpError(err, options.maxBytes)) : resolve()));
    });
}
