// License certificates: the caller's checks, the certificate (HTML print view, PDF or its data),
// public verification by UUID and revocation by the track's owner. Licenses are issued by
// purchases (issue.ts, called from the webhook), never on request.
import type { TagHandlers } from '../../contract/handlers.js';
import { conflict, forbidden, gone, invalidField, notFound } from '../../contract/responses.js';
import type { Db } from '../../db/connection.js';
import type { CommerceSettings } from '../../payments/commerce.js';
import { editableTrackIds } from '../catalog/permissions.js';
import { CERTIFICATE_CONTENT_SECURITY_POLICY, certificateHtml } from './certificate-html.js';
import { certificatePdf } from './certificate-pdf.js';
import type { LicenseRow } from './issue.js';
import { findLicense, licensesInForce, listLicensesOf, newestLicenseOf, revokeLicense, trackOf } from './repository.js';
import { certificateContent, integrityVerified, serializeCertificate, serializeLicense, serializeVerification } from './serializers.js';

const LICENSE_REVOKED = 'This license has been revoked.';
const CERTIFICATE_INVALID = 'This license certificate is invalid or incomplete: its content does not match its integrity hash.';
const NOT_YOUR_CERTIFICATE = "Only the licensee or the track's owner can see this certificate.";
const GENERATE_RETIRED =
  'Licenses are no longer generated on request: buy one with POST /api/v1/tracks/{track_id}/purchase/initiate, and the license is issued when the payment succeeds.';

/** Whether an Accept header prefers a PDF to JSON (JSON, D's answer, wins ties and absence). */
export function acceptsPdfOverJson(accept: string | null): boolean {
  if (!accept) return false;
  const quality = (type: string) => {
    let best = 0;
    for (const range of accept.split(',')) {
      const [name = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      const matches = name === type || name === `${type.split('/')[0]}/*` || name === '*/*';
      // A named type outranks a wildcard: `application/pdf, */*` asks for the PDF.
      const score = matches && Number.isFinite(weight) ? weight + (name === type ? 0.0001 : 0) : 0;
      if (weight > 0 && score > best) best = score;
    }
    return best;
  };
  return quality('application/pdf') > quality('application/json');
}

/** The public address of an API path, from the request's own public URL. */
function publicUrl(requestUrl: string, path: string): string {
  const at = requestUrl.indexOf('/api/v1/');
  return `${at >= 0 ? requestUrl.slice(0, at) : requestUrl}${path}`;
}

// Licenses need no payment settings: they are read, shown and revoked the same whatever the provider.
export function createLicenseHandlers(db: Db, _commerce: CommerceSettings): TagHandlers<'Licenses'> {
  /**
   * The certificate a caller may see for a track: the license named (theirs, or one of a track
   * they own), else their own newest; refused as the certificate routes document.
   */
  async function certificateFor(trackId: number, uuid: string | undefined, userId: number) {
    const track = await trackOf(db, trackId);
    if (!track) return { refusal: notFound('Track') };
    let license: LicenseRow | undefined;
    if (uuid !== undefined) {
      license = await findLicense(db, uuid);
      if (!license || license.trackId !== trackId) return { refusal: notFound('License') };
      if (license.userId !== userId && !(await editableTrackIds(db, userId, [trackId])).has(trackId)) return { refusal: forbidden(NOT_YOUR_CERTIFICATE) };
    } else {
      license = await newestLicenseOf(db, userId, trackId);
      if (!license) return { refusal: notFound('License') };
    }
    if (license.status === 'revoked') return { refusal: gone(LICENSE_REVOKED) };
    const content = certificateContent(license);
    if (!content || !integrityVerified(license)) return { refusal: conflict(CERTIFICATE_INVALID) };
    return { track, license, content };
  }

  return {
    async checkTrackLicense({ params, auth }) {
      if (!(await trackOf(db, params.track_id))) return notFound('Track');
      if (!auth.user) return { status: 200, body: null };
      const license = (await licensesInForce(db, auth.user.id, [params.track_id])).get(params.track_id);
      return { status: 200, body: license ? serializeLicense(license) : null };
    },

    async checkTrackLicensesBatch({ body, auth }) {
      const trackIds = [...new Set(body.track_ids)];
      const held = await licensesInForce(db, auth.user.id, trackIds);
      const licenses = trackIds.map((trackId) => {
        const license = held.get(trackId);
        return { track_id: trackId, has_license: license !== undefined, license: license ? serializeLicense(license) : null };
      });
      return { status: 200, body: { status: 'success', licenses } };
    },

    async getLicenseCertificate({ params, query, auth }) {
      const found = await certificateFor(params.track_id, query.license, auth.user.id);
      if (found.refusal) return found.refusal;
      const certificate = serializeCertificate(found.license, found.content);
      const html = certificateHtml(certificate, publicUrl(auth.url, `/api/v1/verify-license/${found.license.uuid}`));
      return {
        status: 200,
        headers: { 'Content-Security-Policy': CERTIFICATE_CONTENT_SECURITY_POLICY, 'Cache-Control': 'private, no-store' },
        body: { kind: 'file', data: html, contentType: 'text/html; charset=utf-8' },
      };
    },

    async downloadLicensePdf({ params, query, auth }) {
      const found = await certificateFor(params.track_id, query.license, auth.user.id);
      if (found.refusal) return found.refusal;
      const certificate = serializeCertificate(found.license, found.content);
      if (acceptsPdfOverJson(auth.accept)) {
        const pdf = await certificatePdf(certificate, publicUrl(auth.url, `/api/v1/verify-license/${found.license.uuid}`));
        return {
          status: 200,
          headers: { 'Cache-Control': 'private, no-store' },
          body: { kind: 'file', data: pdf, contentType: 'application/pdf', downloadName: `license-${found.license.uuid}.pdf` },
        };
      }
      const changedToExclusive = found.license.licenseType === 'non_exclusive' && found.track.exclusiveStatus === 'sold';
      return {
        status: 200,
        body: {
          license: certificate,
          track: { id: found.track.id, name: found.track.name },
          trackChangedToExclusive: changedToExclusive,
          message: changedToExclusive
            ? 'This track has since been sold exclusively; your non-exclusive license remains valid.'
            : 'License certificate data retrieved.',
        },
      };
    },

    async verifyLicense({ params }) {
      const license = await findLicense(db, params.uuid);
      if (!license) return notFound('License');
      return { status: 200, body: serializeVerification(license) };
    },

    async getLicenseVerification({ params }) {
      const license = await findLicense(db, params.uuid);
      if (!license) return notFound('License');
      return { status: 200, body: serializeVerification(license) };
    },

    async revokeLicense({ params, body, auth }) {
      const license = await findLicense(db, params.uuid);
      if (!license) return notFound('License');
      if (!(await editableTrackIds(db, auth.user.id, [license.trackId])).has(license.trackId)) {
        return forbidden("Only the track's owner can revoke its licenses.");
      }
      const reason = body.reason.trim();
      if (reason === '') return invalidField('reason', 'The reason field is required.');
      const revoked = await revokeLicense(db, license.id, auth.user.id, reason);
      if (!revoked) return conflict('This license is already revoked.');
      return { status: 200, body: { message: 'License revoked.' } };
    },

    async listUserLicenses({ page, auth }) {
      const { rows, total } = await listLicensesOf(db, auth.user.id, page);
      return {
        status: 200,
        body: {
          status: 'success',
          pagination: page.lengthAware(
            rows.map((row) => serializeLicense(row)),
            total,
          ),
        },
      };
    },

    async generateTrackLicense() {
      return gone(GENERATE_RETIRED);
    },
  };
}
