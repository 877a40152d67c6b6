// Multipart uploads reach handlers as files multer streamed to temporary paths (see
// validation/multipart.ts). This module hands them over and removes every temporary file
// when the response is done, whether the handler kept (moved) it or the request failed.
import { rm } from 'node:fs/promises';
import type { UploadedFile } from '../contract/operation-info.js';
import type { ApiRequest, Step } from './api-request.js';

interface MulterFile {
  fieldname: string;
  path: string;
  originalname: string;
  mimetype: string;
  size: number;
}

export function uploadedFiles(req: ApiRequest): UploadedFile[] {
  const files = (req as ApiRequest & { files?: Partial<MulterFile>[] }).files;
  // A part cut off mid-stream is listed without a path: multer never finished writing it
  // (and removes what it wrote), so there is nothing to hand over or delete.
  return (Array.isArray(files) ? files : [])
    .filter((f): f is MulterFile => typeof f.path === 'string')
    .map((f) => ({
      field: f.fieldname,
      path: f.path,
      originalName: f.originalname,
      mimeType: f.mimetype,
      size: f.size,
    }));
}

export const removeTemporaryUploads: Step = (req, res, next) => {
  // Only an operation that takes multipart bodies can have any.
  if (req.operation.hasMultipartBody)
    res.on('close', () => {
      for (const file of uploadedFiles(req)) void rm(file.path, { force: true });
    });
  next();
};
