import type { ServerResponse } from 'node:http';

/**
 * Writes a JSON response in one `res.end`: Express's send path (charset negotiation,
 * freshness and ETag checks) does nothing for an API response.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}
