// Who may upload, and how much: an artist profile to publish under, and a storage quota per
// account (the bytes of all of its stored uploads, published or not). Both are checked before
// the body is read, against the length the client declares, and again on the real size.
import type { BodyPrecondition, RefusalOf } from '../../contract/handlers.js';
import { forbidden } from '../../contract/responses.js';
import type { Db } from '../../db/connection.js';
import { megabytes } from '../../http/validation/multipart.js';
import { managedArtistIds } from '../catalog/permissions.js';
import { storedUploadBytes } from './repository.js';

export const DEFAULT_UPLOAD_QUOTA_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * What a multipart body carries besides the file: boundaries and part headers, a few hundred
 * bytes with a long file name. A declared length over the room left by more than this cannot
 * hold a file that fits.
 */
const MULTIPART_FRAMING_BYTES = 16 * 1024;

type UploadRefusal = RefusalOf<'uploadTrackAudio'>;

export interface UploadRules {
  readonly quotaBytes: number;
  /** The answer an upload of `bytes` more by this user gets instead of being stored, if any. */
  refusal(userId: number, bytes: number): Promise<UploadRefusal | undefined>;
  /** The answer when the upload would take the account over its quota. */
  quotaExceeded(): UploadRefusal;
  /** The same checks before the body is read, on the length the client declares. */
  beforeBody: BodyPrecondition<'uploadTrackAudio'>;
}

export function createUploadRules(db: Db, quotaBytes = DEFAULT_UPLOAD_QUOTA_BYTES): UploadRules {
  const quotaExceeded = () => ({
    status: 413 as const,
    body: { message: `Storage quota exceeded. Your uploads may take up at most ${megabytes(quotaBytes)} in total.` },
  });
  async function refusal(userId: number, bytes: number): Promise<UploadRefusal | undefined> {
    if ((await managedArtistIds(db, userId)).length === 0) return forbidden('You need an artist profile to upload tracks.');
    // Every upload holds at least a byte, so an account at its quota has no room for any.
    if ((await storedUploadBytes(db, userId)) + Math.max(bytes, 1) > quotaBytes) return quotaExceeded();
    return undefined;
  }
  return {
    quotaBytes,
    refusal,
    quotaExceeded,
    beforeBody: ({ auth, declaredBytes }) => refusal(auth.user.id, Math.max(0, (declaredBytes ?? 0) - MULTIPART_FRAMING_BYTES)),
  };
}
