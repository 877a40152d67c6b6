// Every response carries an X-Request-Id (the caller's, or a new one) and every log line
// about a request names it. With info logging on, pino-http also logs each request as it
// completes; with it off (a quiet production or the bench), building those lines would be
// wasted work on every request, so only the id and a request-bound logger remain.
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const header = req.headers['x-request-id'];
  const id = (typeof header === 'string' && header.slice(0, 100)) || randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

const ignoreNext = () => undefined;

/** Gives the request its id and `log`, for API operations and Express routes alike. */
export function requestLogging(logger: Logger): (req: IncomingMessage, res: ServerResponse) => void {
  if (logger.isLevelEnabled('info')) {
    const log = pinoHttp({
      logger,
      genReqId: requestId,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-xsrf-token"]', 'res.headers["set-cookie"]'],
    });
    return (req, res) => log(req, res, ignoreNext);
  }
  return (req, res) => {
    const id = requestId(req, res);
    req.id = id;
    // Created only when something is logged: warnings and errors, rare on the hot path.
    let bound: Logger | undefined;
    Object.defineProperty(req, 'log', { get: () => (bound ??= logger.child({ reqId: id })), configurable: true });
  };
}
