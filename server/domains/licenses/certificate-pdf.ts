// The certificate as a PDF, made with PDFKit in memory. It states what the HTML print view
// states. The standard PDF fonts cover Windows-1252 only, so a character outside it prints
// as `?` here (the HTML view and the JSON keep every character).
import PDFDocument from 'pdfkit';
import type { components } from '../../../generated/api.js';
import { certificateDate } from './certificate-html.js';
import { termLines } from './serializers.js';

type Certificate = components['schemas']['LicenseCertificate'];

const TYPE_NAMES = { exclusive: 'Exclusive license', non_exclusive: 'Non-exclusive license' } as const;

// Windows-1252's characters beyond Latin-1 that the standard fonts also draw.
const CP1252_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Text the standard fonts can draw: other characters (and controls) become `?`. */
export function printable(text: string): string {
  return [...text]
    .map((c) => {
      const code = c.codePointAt(0)!;
      if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.has(c)) return c;
      return '?';
    })
    .join('');
}

export function certificatePdf(certificate: Certificate, verifyUrl: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `License certificate ${certificate.uuid}`,
      Author: 'BeatPass',
      Subject: printable(`${TYPE_NAMES[certificate.license_type]} for ${certificate.track_name}`),
      CreationDate: new Date(certificate.issued_at),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(text).moveDown(0.3);
  const line = (label: string, value: string) =>
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(`${printable(label)}: `, { continued: true })
      .font('Helvetica')
      .text(printable(value));

  doc.font('Helvetica-Bold').fontSize(24).text('License certificate');
  doc
    .font('Helvetica')
    .fontSize(12)
    .text(printable(`${TYPE_NAMES[certificate.license_type]} for "${certificate.track_name}"`));

  heading('Parties');
  line('Track', certificate.track_name);
  line('Artists', certificate.track_artists.join(', ') || '-');
  line('Licensee', certificate.licensee_name);
  line('Licensee email', certificate.licensee_email_masked);

  heading('License');
  line('License ID', certificate.uuid);
  line('Type', TYPE_NAMES[certificate.license_type]);
  line('Status', certificate.status);
  line('Issued', certificateDate(certificate.issued_at));
  line('Expires', certificate.expires_at ? certificateDate(certificate.expires_at) : 'Never');

  heading('Terms');
  for (const [label, value] of termLines(certificate.terms)) line(label, value);

  doc.moveDown(1.5).font('Helvetica').fontSize(8);
  doc.text(`Integrity hash (SHA-256): ${certificate.integrity_hash}`);
  doc.text(printable(`Verify this certificate: POST ${verifyUrl}`));
  doc.end();
  return done;
}
