// Rows that expire are ignored by every read, but left alone they would pile up for ever:
// housekeeping deletes them at start and then periodically. Several instances may do it at
// once; a delete of rows that are already gone costs nothing.
import type { Logger } from 'pino';
import type { Db } from '../db/connection.js';
import { deleteExpiredSessions } from '../domains/auth/sessions.js';
import { deleteExpiredTokens } from '../domains/developer-tokens/repository.js';
import { deleteUnpublishedUploads } from '../domains/tracks/repository.js';
import type { Storage } from '../storage/storage.js';

export interface Housekeeping {
  /** Runs every purge now; resolves to how many rows each deleted. */
  runOnce(): Promise<PurgeCounts>;
  stop(): Promise<void>;
}

export interface PurgeCounts {
  sessions: number;
  developerTokens: number;
  /** Uploads never published as a track, deleted with their files once they are too old. */
  unpublishedUploads: number;
}

export interface HousekeepingOptions {
  intervalMs: number;
  /** Where uploaded files are stored, and how old an unpublished upload may get (UPLOAD_EXPIRY_HOURS). */
  uploads: { storage: Pick<Storage, 'remove'>; maxAgeMs: number };
  logger?: Logger;
}

export function startHousekeeping(db: Db, options: HousekeepingOptions): Housekeeping {
  const { intervalMs, uploads, logger } = options;
  let running: Promise<unknown> = Promise.resolve();

  async function runOnce(): Promise<PurgeCounts> {
    const counts = {
      sessions: await deleteExpiredSessions(db),
      developerTokens: await deleteExpiredTokens(db),
      unpublishedUploads: await deleteUnpublishedUploads(db, uploads.storage, uploads.maxAgeMs),
    };
    logger?.debug(counts, 'housekeeping: expired rows deleted');
    return counts;
  }
  // A failed purge (database briefly away) is retried at the next tick; it never stops the server.
  const tick = () => {
    running = runOnce().catch((err: unknown) => logger?.warn({ err }, 'housekeeping failed; retrying at the next interval'));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  // The timer alone never keeps the process alive (tests, a server shutting down).
  timer.unref();

  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
