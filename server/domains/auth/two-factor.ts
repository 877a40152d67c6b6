import { TOTP, Secret } from 'otpauth';
import { sha256 } from '../../http/hash.js';

const PERIOD_SECONDS = 30;

/**
 * The time step (Unix time / 30 s) of the code, when it is the current code or a neighbour
 * (±30 s, for clock drift); null otherwise. Callers record the step, so a code signs in once.
 */
export function totpStep(base32Secret: string, code: string, now = Date.now()): number | null {
  const totp = new TOTP({ secret: Secret.fromBase32(base32Secret), digits: 6, period: PERIOD_SECONDS, algorithm: 'SHA1' });
  const delta = totp.validate({ token: code, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

export function currentTotp(base32Secret: string, timestamp = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(base32Secret), digits: 6, period: PERIOD_SECONDS, algorithm: 'SHA1' }).generate({ timestamp });
}

/** Recovery codes are stored hashed; comparison ignores case and surrounding spaces. */
export const hashRecoveryCode = (code: string): string => sha256(code.trim().toLowerCase());
