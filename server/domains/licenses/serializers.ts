// What a license shows, and to whom. The certificate's content is the one fixed at issue
// (`terms`), never the track or user as they are now; the licensee's email leaves the server
// only masked, also towards the track's owner.
import type { components } from '../../../generated/api.js';
import { integrityHash, type LicenseRow } from './issue.js';

type Schemas = components['schemas'];
export type LicenseStatus = Schemas['LicenseStatus'];

/** A certificate's stated content, or undefined when the stored one is incomplete. */
export interface CertificateContent {
  trackName: string;
  trackArtists: string[];
  licenseeName: string;
  licenseeEmail: string;
  terms: Record<string, unknown>;
}

export function certificateContent(row: LicenseRow): CertificateContent | undefined {
  const stated = row.terms;
  const { track_name, track_artists, licensee_name, licensee_email, terms } = stated;
  if (typeof track_name !== 'string' || typeof licensee_name !== 'string' || typeof licensee_email !== 'string') return undefined;
  if (!Array.isArray(track_artists) || !track_artists.every((name) => typeof name === 'string')) return undefined;
  if (terms === null || typeof terms !== 'object' || Array.isArray(terms)) return undefined;
  return {
    trackName: track_name,
    trackArtists: track_artists,
    licenseeName: licensee_name,
    licenseeEmail: licensee_email,
    terms: terms as Record<string, unknown>,
  };
}

/** `revoked` is stored; `expired` follows from `expires_at`. */
export function licenseStatus(row: LicenseRow, now = new Date()): LicenseStatus {
  if (row.status === 'revoked') return 'revoked';
  if (row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** The stored hash still matches the certificate's content. */
export function integrityVerified(row: LicenseRow): boolean {
  return integrityHash({ uuid: row.uuid, trackId: row.trackId, userId: row.userId, licenseType: row.licenseType, terms: row.terms }) === row.integrityHash;
}

/** `jane.doe@example.com` → `j***@e***.com`: enough to recognise one's own address, not to learn someone else's. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = at > 0 ? email.slice(0, at) : email;
  const domain = at > 0 ? email.slice(at + 1) : '';
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot + 1) : '';
  const first = (text: string) => [...text][0] ?? '';
  return `${first(local)}***@${first(host)}***${tld ? `.${[...tld].slice(0, 24).join('')}` : ''}`;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;
const limit = (text: string, max: number) => [...text].slice(0, max).join('');

/** What check-license, the batch check and the caller's list show of a license. */
export function serializeLicense(row: LicenseRow, content: CertificateContent | undefined = certificateContent(row)): Schemas['License'] {
  return {
    uuid: row.uuid,
    track_id: row.trackId,
    track_name: limit(content?.trackName ?? '', 255),
    track_artists: (content?.trackArtists ?? []).slice(0, 50).map((name) => limit(name, 255)),
    license_type: row.licenseType === 'exclusive' ? 'exclusive' : 'non_exclusive',
    status: licenseStatus(row),
    issued_at: row.issuedAt.toISOString(),
    expires_at: iso(row.expiresAt),
    purchase_id: row.purchaseId,
    revoked_at: iso(row.revokedAt),
    revocation_reason: row.revokedReason,
  };
}

/** Public verification by UUID: who holds it only as a masked email. */
export function serializeVerification(row: LicenseRow): Schemas['LicenseVerification'] {
  const content = certificateContent(row);
  const verified = content !== undefined && integrityVerified(row);
  const status = licenseStatus(row);
  return {
    status,
    valid: status === 'active' && verified,
    expires_at: iso(row.expiresAt),
    integrity_verified: verified,
    issued_at: row.issuedAt.toISOString(),
    license_type: row.licenseType === 'exclusive' ? 'exclusive' : 'non_exclusive',
    license_uuid: row.uuid,
    track_artists: (content?.trackArtists ?? []).slice(0, 50).map((name) => limit(name, 255)),
    track_name: limit(content?.trackName ?? '', 255),
    user_email_masked: content ? maskEmail(content.licenseeEmail) : null,
  };
}

type Terms = Schemas['LicenseTerms'];
type Limit = 'unlimited' | number;

const isBool = (value: unknown): value is boolean => typeof value === 'boolean';
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= 255;
const isPercent = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100;
const isLimit = (value: unknown): value is Limit =>
  value === 'unlimited' || (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 2147483647);

const LIMIT_KEYS = [
  'distribute_copies_allowed',
  'audio_streams_allowed',
  'monetized_music_videos_allowed',
  'non_monetized_music_videos_allowed',
  'monetized_video_streams_allowed',
  'non_monetized_video_streams_allowed',
  'radio_stations_allowed',
  'performances_not_for_profit_allowed',
] as const;
const BOOLEAN_KEYS = [
  'broadcasting_rights',
  'streaming_rights',
  'performances_for_profit',
  'exclusive_rights',
  'transferable',
  'content_id_registration_allowed',
] as const;
const TEXT_KEYS = ['territory', 'governing_law_country'] as const;

/**
 * The terms as the contract types them. Terms are written by the platform and by producers'
 * validated presets; a key this version does not know, or a value of another type, is left
 * out rather than shown unchecked.
 */
export function serializeTerms(terms: Record<string, unknown>): Terms {
  const out: Terms = {};
  const share = terms.publishing_share as Record<string, unknown> | undefined;
  if (share && isPercent(share.producer) && isPercent(share.licensee)) out.publishing_share = { producer: share.producer, licensee: share.licensee };
  for (const key of TEXT_KEYS) if (isText(terms[key])) out[key] = terms[key];
  const place = terms.arbitration_location as Record<string, unknown> | undefined;
  if (place && isText(place.state_province) && isText(place.country))
    out.arbitration_location = { state_province: place.state_province, country: place.country };
  for (const key of BOOLEAN_KEYS) if (isBool(terms[key])) out[key] = terms[key];
  const files = terms.files_to_deliver;
  if (Array.isArray(files) && files.length <= 20 && files.every((file) => typeof file === 'string' && file.length <= 50))
    out.files_to_deliver = files as string[];
  if (isPercent(terms.producer_royalty_percentage)) out.producer_royalty_percentage = terms.producer_royalty_percentage;
  for (const key of LIMIT_KEYS) if (isLimit(terms[key])) out[key] = terms[key];
  const cap = terms.live_performance_attendee_cap;
  if (Number.isInteger(cap) && (cap as number) >= 0 && (cap as number) <= 2147483647) out.live_performance_attendee_cap = cap as number;
  return out;
}

/** The certificate as its licensee or the track's owner sees it, for rendering it client-side. */
export function serializeCertificate(row: LicenseRow, content: CertificateContent): Schemas['LicenseCertificate'] {
  return {
    ...serializeLicense(row, content),
    licensee_name: limit(content.licenseeName, 255),
    licensee_email_masked: maskEmail(content.licenseeEmail),
    terms: serializeTerms(content.terms),
    integrity_hash: row.integrityHash,
  };
}

/** One line per term, in words, for the HTML and PDF certificates. */
export function termLines(terms: Terms): Array<[string, string]> {
  const words = (key: string) => key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
  const value = (v: unknown): string => {
    if (typeof v === 'boolean') return v ? 'Yes' : 'No';
    if (Array.isArray(v)) return v.map(value).join(', ');
    if (v !== null && typeof v === 'object') {
      return Object.entries(v)
        .map(([k, inner]) => `${words(k)}: ${value(inner)}`)
        .join('; ');
    }
    return String(v);
  };
  const lines: Array<[string, string]> = [];
  for (const [key, v] of Object.entries(terms)) {
    if (key === 'publishing_share' && terms.publishing_share) {
      lines.push(['Publishing share', `Producer ${terms.publishing_share.producer}%, licensee ${terms.publishing_share.licensee}%`]);
    } else if (key === 'producer_royalty_percentage') {
      lines.push(['Producer royalty', `${String(v)}%`]);
    } else {
      lines.push([words(key), value(v)]);
    }
  }
  return lines;
}
