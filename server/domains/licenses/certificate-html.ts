// The certificate's print view (BeatPass answers this route with an HTML page, not JSON). One
// self-contained page: no script, no external stylesheet, font or image, so it prints the same
// offline. Every value is escaped; names and terms come from users.
import { createHash } from 'node:crypto';
import type { components } from '../../../generated/api.js';
import { termLines } from './serializers.js';

type Certificate = components['schemas']['LicenseCertificate'];

const STYLE = `
  @page { size: A4; margin: 18mm; }
  body { font-family: Georgia, 'Times New Roman', serif; color: #111; margin: 0 auto; max-width: 720px; padding: 24px; }
  header { border-bottom: 2px solid #111; margin-bottom: 16px; }
  h1 { font-size: 28px; margin: 0 0 4px; }
  h2 { font-size: 18px; margin: 24px 0 8px; }
  .subtitle { color: #444; margin: 0 0 12px; }
  dl { display: grid; grid-template-columns: 12em 1fr; gap: 6px 12px; margin: 0; }
  dt { font-weight: bold; }
  dd { margin: 0; overflow-wrap: anywhere; }
  .status-revoked, .status-expired { color: #a00; font-weight: bold; }
  footer { border-top: 1px solid #999; margin-top: 24px; padding-top: 8px; font-size: 12px; color: #444; overflow-wrap: anywhere; }
  code { font-family: 'Courier New', monospace; font-size: 12px; }
`;

/** The Content-Security-Policy the page is served with: its one inline stylesheet and nothing else. */
export const CERTIFICATE_CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const TYPE_NAMES = { exclusive: 'Exclusive license', non_exclusive: 'Non-exclusive license' } as const;

/** A date as the certificate states it: `2026-03-01 09:00 UTC`. */
export const certificateDate = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export function certificateHtml(certificate: Certificate, verifyUrl: string): string {
  const row = (label: string, value: string, className?: string) =>
    `<dt>${escapeHtml(label)}</dt><dd${className ? ` class="${className}"` : ''}>${escapeHtml(value)}</dd>`;
  const parties = [
    row('Track', certificate.track_name),
    row('Artists', certificate.track_artists.join(', ') || '—'),
    row('Licensee', certificate.licensee_name),
    row('Licensee email', certificate.licensee_email_masked),
  ];
  const license = [
    row('License ID', certificate.uuid),
    row('Type', TYPE_NAMES[certificate.license_type]),
    row('Status', certificate.status, `status-${certificate.status}`),
    row('Issued', certificateDate(certificate.issued_at)),
    row('Expires', certificate.expires_at ? certificateDate(certificate.expires_at) : 'Never'),
  ];
  const terms = termLines(certificate.terms).map(([label, value]) => row(label, value));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(`License certificate ${certificate.uuid}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>License certificate</h1>
<p class="subtitle">${escapeHtml(`${TYPE_NAMES[certificate.license_type]} for “${certificate.track_name}”`)}</p>
</header>
<main>
<h2>Parties</h2>
<dl>${parties.join('')}</dl>
<h2>License</h2>
<dl>${license.join('')}</dl>
<h2>Terms</h2>
<dl>${terms.join('')}</dl>
</main>
<footer>
<p>Integrity hash (SHA-256): <code>${escapeHtml(certificate.integrity_hash)}</code></p>
<p>${escapeHtml(`Verify this certificate: POST ${verifyUrl}`)}</p>
</footer>
</body>
</html>
`;
}
