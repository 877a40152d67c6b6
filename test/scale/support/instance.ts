// One app instance as production runs it on PostgreSQL (+ Redis), in-process: its own pool,
// its own Redis client, its own memory, on a random loopback port. Two of these on the same
// database and Redis are two instances behind a load balancer.
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { createApp } from '../../../server/app.js';
import { createCommerce, type CommerceSettings } from '../../../server/payments/commerce.js';
import { openDatabase, type Database, type PostgresOptions } from '../../../server/db/connection.js';
import type { RateLimitOverrides } from '../../../server/http/rate-limit.js';
import { closeRedis, createRedis, pingRedis } from '../../../server/infra/redis.js';
import { createTestStorage } from '../../support/storage.js';
import { RELAXED_LIMITS } from '../../support/server.js';

export interface Instance {
  baseUrl: string;
  database: Database;
  /** Payments on the local provider, delivering its events to this instance's webhook. */
  commerce: CommerceSettings;
  redis?: Redis;
  close(): Promise<void>;
}

export async function startInstance(options: {
  databaseUrl: string;
  redisUrl?: string;
  keyPrefix?: string;
  rateLimits?: RateLimitOverrides;
  database?: Partial<PostgresOptions>;
  redisCommandTimeoutMs?: number;
}): Promise<Instance> {
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const database = await openDatabase({ kind: 'postgres', url: options.databaseUrl, poolSize: 4, logger, ...options.database });
  const redis = options.redisUrl ? createRedis({ url: options.redisUrl, commandTimeoutMs: options.redisCommandTimeoutMs ?? 300, logger }) : undefined;
  if (redis && redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  // Bound first: the app's links name the address it listens on.
  const server: Server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const commerce = createCommerce(database.db, logger, baseUrl, { webhookRetryDelaysMs: [50, 200] });
  const app = createApp({
    commerce,
    publicUrl: baseUrl,
    db: database.db,
    logger,
    storage: await createTestStorage(),
    validateResponses: true,
    secureCookies: false,
    rateLimits: { ...RELAXED_LIMITS, ...options.rateLimits },
    redis,
    rateLimitKeyPrefix: options.keyPrefix,
    isReady: async () => {
      await Promise.all([database.ping(1_000), redis ? pingRedis(redis, 500) : undefined]);
      return true;
    },
  });
  server.on('request', app);
  return {
    baseUrl,
    database,
    redis,
    commerce,
    async close() {
      await commerce.local?.deliveriesSettled();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await Promise.all([database.close(), redis ? closeRedis(redis) : undefined]);
    },
  };
}
