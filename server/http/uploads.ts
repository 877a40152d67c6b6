// Multipart uploads: express-openapi-validator hands them to multer, which streams each file
// to a temporary path under the storage directory. This module owns what happens around
// that: the size limit's error in the documented form, and removing every temporary file
// when the response is done, whether the handler kept (moved) it or the request failed.
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { rm } from 'node:fs/promises';
import type { UploadedFile } from '../../generated/contract.js';
import { validationError } from './errors.js';

interface MulterFile { fieldname: string; path: string; originalname: string; mimetype: string; size: number }

export function uploadedFiles(req: Request): UploadedFile[] {
  const files = (req as Request & { files?: MulterFile[] }).files;
  return (Array.isArray(files) ? files : []).map((f) => ({
    field: f.fieldname, path: f.path, originalName: f.originalname, mimeType: f.mimetype, size: f.size,
  }));
}

export const removeTemporaryUploads: RequestHandler = (req, res, next) => {
  res.on('close', () => {
    for (const file of uploadedFiles(req)) void rm(file.path, { force: true });
  });
  next();
};

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** multer's LIMIT_FILE_SIZE arrives as a 413; BeatPass documents a 422 on the file field. */
export function uploadLimitErrors(maxBytes: number): ErrorRequestHandler {
  return (err, _req, _res, next) => {
    const e = err as { status?: number; message?: string };
    if (e.status === 413 && /file too large/i.test(e.message ?? '')) {
      return next(validationError({ file: [`The file may not be greater than ${megabytes(maxBytes)}.`] }));
    }
    next(err);
  };
}
