// Graceful shutdown: stop accepting connections, let in-flight requests finish (keep-alive
// connections are closed as soon as they go idle, and responses written meanwhile carry
// `Connection: close`), then close the pools. Past the deadline, open connections are cut
// and the process exits anyway.
import type { Server } from 'node:http';
import type { Logger } from 'pino';

export interface ShutdownOptions {
  server: Server;
  logger: Logger;
  /** Longest time in-flight requests get before connections are cut. */
  timeoutMs: number;
  /** Called first, e.g. so /ready answers 503 and load balancers stop sending traffic. */
  onStart?: () => void;
  /** Closes pools and clients once no request is in flight (or the deadline passed). */
  closeResources: () => Promise<void>;
}

/** Returns a function that runs the shutdown once and resolves with the exit code (0 clean, 1 deadline hit). */
export function gracefulShutdown(options: ShutdownOptions): (reason: string) => Promise<number> {
  const { server, logger } = options;
  let running: Promise<number> | undefined;

  server.on('request', (_req, res) => {
    if (running) res.shouldKeepAlive = false;
  });

  return (reason: string) => {
    running ??= (async () => {
      const started = Date.now();
      logger.info({ reason, timeoutMs: options.timeoutMs }, 'shutting down: no new connections, finishing in-flight requests');
      options.onStart?.();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // A keep-alive connection becomes idle once its response is written: close it then.
      const sweeper = setInterval(() => server.closeIdleConnections(), 50);
      let deadlineHit = false;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          deadlineHit = true;
          resolve();
        }, options.timeoutMs);
      });
      await Promise.race([closed, deadline]);
      clearInterval(sweeper);
      clearTimeout(timer);
      if (deadlineHit) {
        logger.error({ timeoutMs: options.timeoutMs }, 'shutdown deadline passed: cutting the remaining connections');
        server.closeAllConnections();
      }
      try {
        await options.closeResources();
      } catch (err) {
        logger.error({ err }, 'closing resources failed');
        deadlineHit = true;
      }
      logger.info({ ms: Date.now() - started, clean: !deadlineHit }, 'shut down');
      return deadlineHit ? 1 : 0;
    })();
    return running;
  };
}
