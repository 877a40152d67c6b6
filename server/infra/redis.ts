// The Redis connection for shared rate limits. Commands never queue while Redis is away
// (they fail at once, and the rate limiter falls back to memory) and never wait longer than
// the command timeout; the client keeps reconnecting in the background.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface RedisOptions {
  url: string;
  commandTimeoutMs?: number;
  logger?: Logger;
}

export function createRedis(options: RedisOptions): Redis {
  const { logger } = options;
  const redis = new Redis(options.url, {
    enableOfflineQueue: false,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    // Reconnect forever, backing off to 2 s between attempts.
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 5), 2_000),
    lazyConnect: false,
  });
  let down = false;
  redis.on('error', (err) => {
    if (down) return;
    down = true;
    logger?.warn({ err }, `Redis unreachable (${(err as { code?: string }).code ?? err.message}); reconnecting in the background`);
  });
  redis.on('ready', () => {
    if (down) logger?.info('Redis connection restored');
    down = false;
  });
  return redis;
}

/** Resolves when Redis answers PING within `timeoutMs`. */
export async function pingRedis(redis: Redis, timeoutMs = 1_000): Promise<void> {
  if (redis.status !== 'ready') throw new Error(`Redis is ${redis.status}`);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('Redis did not answer PING in time')), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Closes the connection, waiting at most `timeoutMs` for pending replies. */
export async function closeRedis(redis: Redis, timeoutMs = 1_000): Promise<void> {
  if (redis.status === 'end') return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    redis.quit().catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  redis.disconnect();
}
