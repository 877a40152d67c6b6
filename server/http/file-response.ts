// Streams a handler's file body with Range support (206, 416) through `send`, the file
// sender Express itself uses, without Express around it; a document made in memory is sent whole.
import { create as contentDisposition } from 'content-disposition';
import type { IncomingMessage, ServerResponse } from 'node:http';
import send from 'send';
import type { FileBody } from '../contract/operation-info.js';

export function sendFileBody(req: IncomingMessage, res: ServerResponse, status: number, file: FileBody, onError: (err: unknown) => void): void {
  if (file.downloadName) res.setHeader('Content-Disposition', contentDisposition(file.downloadName));
  res.setHeader('Content-Type', file.contentType);
  if ('data' in file) {
    res.statusCode = status;
    res.setHeader('Content-Length', Buffer.byteLength(file.data));
    res.end(file.data);
    return;
  }
  // `send` decodes the path it is given, so it is given an encoded one.
  send(req, encodeURI(file.path), { acceptRanges: true, cacheControl: false, lastModified: false, etag: false }).on('error', onError).pipe(res);
}
