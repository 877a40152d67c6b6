import { TOTP, Secret } from 'otpauth';
import { sha256 } from '../../http/hash.js';

/** Accepts the current code and its neighbours (±30 s), for clock drift. */
export function verifyTotp(base32Secret: string, code: string): boolean {
  const totp = new TOTP({ secret: Secret.fromBase32(base32Secret), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.validate({ token: code, window: 1 }) !== null;
}

export function currentTotp(base32Secret: string): string {
  return new TOTP({ secret: Secret.fromBase32(base32Secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate();
}

/** Recovery codes are stored hashed; comparison ignores case and surrounding spaces. */
export const hashRecoveryCode = (code: string): string => sha256(code.trim().toLowerCase());
