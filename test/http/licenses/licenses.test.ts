// License certificates against the real app: checks, the HTML print view, the PDF (read back
// as text) and its data, public verification, revocation, the caller's list, the retired
// generate route, and downloads for license holders. Licenses are issued directly with
// `issueLicense`, as the purchase webhook does, so these tests do not depend on the purchase flow.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sql } from 'drizzle-orm';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { acceptsPdfOverJson } from '../../../server/domains/licenses/handlers.js';
import { issueLicense, type LicenseRow, type LicenseType } from '../../../server/domains/licenses/issue.js';
import { maskEmail } from '../../../server/domains/licenses/serializers.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';
import { wavBytes } from '../../support/wav.js';
import { publish, wavForm } from '../tracks/support.js';

const t = useTestServer({ signIn: ['listener', 'producer', 'developer'] });

const LISTENER = 'listener@beatpass.test';
const DEVELOPER = 'developer@beatpass.test';
const UNKNOWN_UUID = '00000000-0000-4000-8000-00000000dead';

let producerTrack: number;
let otherProducerTrack: number;
let trackName: string;
let listenerName: string;

async function userId(email: string): Promise<number> {
  const [row] = await t.server.rows<{ id: number }>(sql`select id from users where email = ${email}`);
  return row!.id;
}

async function issue(trackId: number, email: string, licenseType: LicenseType = 'non_exclusive'): Promise<LicenseRow> {
  const id = await userId(email);
  return t.server.database.db.transaction((tx) => issueLicense(tx, { trackId, userId: id, licenseType, purchaseId: null }));
}

/** The text of every page of a PDF, as a PDF reader extracts it. */
async function pdfText(bytes: Buffer): Promise<string> {
  const fonts = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts/');
  const document = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: fonts, isEvalSupported: false, verbosity: 0 }).promise;
  let text = '';
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    text += `${content.items.map((item) => ('str' in item ? item.str : '')).join('')}\n`;
  }
  await document.destroy();
  return text;
}

beforeAll(async () => {
  const producer = await userId('producer@beatpass.test');
  const owned = await t.server.rows<{ id: number; name: string }>(sql`select id, name from tracks where owner_id = ${producer} order by id limit 2`);
  producerTrack = owned[0]!.id;
  trackName = owned[0]!.name;
  otherProducerTrack = owned[1]!.id;
  listenerName = (await t.server.rows<{ display_name: string }>(sql`select display_name from users where email = ${LISTENER}`))[0]!.display_name;
});

describe('helpers', () => {
  it('masks emails down to their first letters', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j***@e***.com');
    expect(maskEmail('listener@beatpass.test')).toBe('l***@b***.test');
    expect(maskEmail('a@mail.example.co.uk')).toBe('a***@m***.uk');
  });

  it('negotiates the PDF only when Accept prefers it to JSON', () => {
    expect(acceptsPdfOverJson(null)).toBe(false);
    expect(acceptsPdfOverJson('*/*')).toBe(false);
    expect(acceptsPdfOverJson('application/json')).toBe(false);
    expect(acceptsPdfOverJson('application/pdf')).toBe(true);
    expect(acceptsPdfOverJson('application/pdf, */*;q=0.8')).toBe(true);
    expect(acceptsPdfOverJson('application/json, application/pdf;q=0.5')).toBe(false);
    expect(acceptsPdfOverJson('application/pdf;q=0')).toBe(false);
  });
});

describe('checking licenses', () => {
  it("answers the caller's license in force, null to others and to anonymous callers", async () => {
    const license = await issue(producerTrack, LISTENER);
    const mine = await t.as.listener.call('checkTrackLicense', { path: { track_id: producerTrack } });
    expectStatus(mine, 200);
    expect(mine.body).toMatchObject({ uuid: license.uuid, track_id: producerTrack, track_name: trackName, license_type: 'non_exclusive', status: 'active' });

    const stranger = await t.as.developer.call('checkTrackLicense', { path: { track_id: otherProducerTrack } });
    expectStatus(stranger, 200);
    expect(stranger.body).toBeNull();
    const anonymous = await t.as.anonymous.call('checkTrackLicense', { path: { track_id: producerTrack } });
    expectStatus(anonymous, 200);
    expect(anonymous.body).toBeNull();
  });

  it('refuses an unknown track (404) and an invalid token (401)', async () => {
    expectStatus(await t.as.listener.call('checkTrackLicense', { path: { track_id: 2_000_000_000 } }), 404);
    expectStatus(await t.server.bearer('1|not-a-token').call('checkTrackLicense', { path: { track_id: producerTrack } }), 401);
    expectStatus(await t.as.listener.callUnchecked('checkTrackLicense', { path: { track_id: 'abc' } }), 422);
  });

  it('checks a batch: one entry per distinct track, in order, unknown tracks unlicensed', async () => {
    const license = await issue(otherProducerTrack, DEVELOPER);
    const reply = await t.as.developer.call('checkTrackLicensesBatch', {
      body: { track_ids: [otherProducerTrack, producerTrack, otherProducerTrack, 2_000_000_000] },
    });
    expectStatus(reply, 200);
    expect(reply.body.licenses.map((entry) => [entry.track_id, entry.has_license, entry.license?.uuid ?? null])).toEqual([
      [otherProducerTrack, true, license.uuid],
      [producerTrack, false, null],
      [2_000_000_000, false, null],
    ]);
    // The listener sees none of the developer's licenses.
    const other = await t.as.listener.call('checkTrackLicensesBatch', { body: { track_ids: [otherProducerTrack] } });
    expectStatus(other, 200);
    expect(other.body.licenses).toEqual([{ track_id: otherProducerTrack, has_license: false, license: null }]);
  });

  it('refuses a batch without credentials, with no or too many IDs, without XSRF or with a broken body', async () => {
    expectStatus(await t.as.anonymous.call('checkTrackLicensesBatch', { body: { track_ids: [1] } }), 401);
    expectStatus(await t.as.listener.call('checkTrackLicensesBatch', { body: { track_ids: [] } }), 422);
    const tooMany = Array.from({ length: 101 }, (_, n) => n + 1);
    expectStatus(await t.as.listener.call('checkTrackLicensesBatch', { body: { track_ids: tooMany } }), 422);
    expectStatus(await t.as.listener.call('checkTrackLicensesBatch', { body: { track_ids: [1] }, xsrf: false }), 419);
    const broken = await t.as.listener.request('POST', '/api/v1/tracks/check-licenses-batch', {
      body: '{"track_ids": [1',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    const form = await t.as.listener.request('POST', '/api/v1/tracks/check-licenses-batch', { body: 'track_ids=1', headers: { 'content-type': 'text/plain' } });
    expect(form.status).toBe(415);
  });
});

describe('the certificate print view', () => {
  it('is a self-contained HTML page for the licensee, with the masked email and never the full one', async () => {
    const license = await issue(producerTrack, LISTENER);
    const reply = await t.as.listener.call('getLicenseCertificate', { path: { track_id: producerTrack }, query: { license: license.uuid } });
    expectStatus(reply, 200);
    expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(reply.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    const html = String(reply.body);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    for (const text of [license.uuid, 'Non-exclusive license', 'l***@b***.test', license.integrityHash, 'Publishing share', 'Producer 20%, licensee 80%']) {
      expect(html).toContain(text);
    }
    expect(html).toContain(listenerName.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
    expect(html).not.toContain(LISTENER);
    expect(html).not.toMatch(/<script|<link|src=|href=|url\(/i);
  });

  it('shows the newest license in force when none is named, and escapes what users wrote', async () => {
    const developer = await userId(DEVELOPER);
    await t.server.rows(sql`update users set display_name = ${'<script>alert("x")</script> & Co'} where id = ${developer}`);
    try {
      const license = await issue(producerTrack, DEVELOPER);
      const reply = await t.as.developer.call('getLicenseCertificate', { path: { track_id: producerTrack } });
      expectStatus(reply, 200);
      const html = String(reply.body);
      expect(html).toContain(license.uuid);
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
      expect(html).not.toContain('<script>');
    } finally {
      await t.server.rows(sql`update users set display_name = 'Demo Developer' where id = ${developer}`);
    }
  });

  it("lets the track's owner see a licensee's certificate by naming it, and nobody else", async () => {
    const license = await issue(producerTrack, LISTENER);
    const owner = await t.as.producer.call('getLicenseCertificate', { path: { track_id: producerTrack }, query: { license: license.uuid } });
    expectStatus(owner, 200);
    expect(String(owner.body)).toContain(license.uuid);

    const stranger = await t.as.developer.call('getLicenseCertificate', { path: { track_id: producerTrack }, query: { license: license.uuid } });
    expectStatus(stranger, 403);
    expect(stranger.body.message).toBe("Only the licensee or the track's owner can see this certificate.");
    // The owner holds no license of their own, so naming none finds none.
    expectStatus(await t.as.producer.call('getLicenseCertificate', { path: { track_id: producerTrack } }), 404);
  });

  it('refuses unknown tracks and licenses, a license of another track, anonymous callers and a malformed UUID', async () => {
    const license = await issue(producerTrack, LISTENER);
    const elsewhere = await t.as.listener.call('getLicenseCertificate', { path: { track_id: otherProducerTrack }, query: { license: license.uuid } });
    expectStatus(elsewhere, 404);
    expect(elsewhere.body.message).toBe('License not found.');
    expectStatus(await t.as.listener.call('getLicenseCertificate', { path: { track_id: producerTrack }, query: { license: UNKNOWN_UUID } }), 404);
    const noTrack = await t.as.listener.call('getLicenseCertificate', { path: { track_id: 2_000_000_000 } });
    expectStatus(noTrack, 404);
    expect(noTrack.body.message).toBe('Track not found.');
    expectStatus(await t.as.anonymous.call('getLicenseCertificate', { path: { track_id: producerTrack } }), 401);
    expectStatus(await t.as.listener.callUnchecked('getLicenseCertificate', { path: { track_id: producerTrack }, query: { license: 'not-a-uuid' } }), 422);
  });
});

describe('the certificate PDF and data', () => {
  it('is a real PDF whose text states the license UUID, the track and the licensee', async () => {
    const license = await issue(producerTrack, LISTENER);
    const reply = await t.as.listener.call('downloadLicensePdf', {
      path: { track_id: producerTrack },
      query: { license: license.uuid },
      headers: { accept: 'application/pdf' },
    });
    expectStatus(reply, 200);
    expect(reply.headers.get('content-type')).toBe('application/pdf');
    expect(reply.headers.get('content-disposition')).toBe(`attachment; filename=license-${license.uuid}.pdf`);
    const bytes = reply.body as Buffer;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain(license.uuid);
    expect(text).toContain(trackName);
    expect(text).toContain(listenerName);
    expect(text).toContain('l***@b***.test');
    expect(text).not.toContain(LISTENER);
  });

  it("answers D's JSON certificate data by default, and says when the track was sold exclusively since", async () => {
    const license = await issue(otherProducerTrack, LISTENER);
    const reply = await t.as.listener.call('downloadLicensePdf', { path: { track_id: otherProducerTrack }, query: { license: license.uuid } });
    expectStatus(reply, 200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    const data = reply.body as Exclude<typeof reply.body, Buffer>;
    expect(data.license).toMatchObject({
      uuid: license.uuid,
      licensee_email_masked: 'l***@b***.test',
      integrity_hash: license.integrityHash,
      status: 'active',
    });
    expect(data.license.terms).toMatchObject({ publishing_share: { producer: 20, licensee: 80 }, exclusive_rights: false, live_performance_attendee_cap: 50 });
    expect(data.trackChangedToExclusive).toBe(false);
    expect(JSON.stringify(data)).not.toContain(LISTENER);

    const [before] = await t.server.rows<{ exclusive_status: string | null }>(sql`select exclusive_status from tracks where id = ${otherProducerTrack}`);
    await t.server.rows(sql`update tracks set exclusive_status = 'sold' where id = ${otherProducerTrack}`);
    try {
      const sold = await t.as.listener.call('downloadLicensePdf', { path: { track_id: otherProducerTrack }, query: { license: license.uuid } });
      expectStatus(sold, 200);
      expect((sold.body as typeof data).trackChangedToExclusive).toBe(true);
    } finally {
      await t.server.rows(sql`update tracks set exclusive_status = ${before!.exclusive_status} where id = ${otherProducerTrack}`);
    }
  });

  it('states exclusive terms on an exclusive certificate', async () => {
    const license = await issue(producerTrack, DEVELOPER, 'exclusive');
    const reply = await t.as.developer.call('downloadLicensePdf', { path: { track_id: producerTrack }, query: { license: license.uuid } });
    expectStatus(reply, 200);
    const data = reply.body as Exclude<typeof reply.body, Buffer>;
    expect(data.license.license_type).toBe('exclusive');
    expect(data.license.terms).toMatchObject({ exclusive_rights: true, territory: 'Worldwide' });
    expect(data.license.terms.files_to_deliver).toEqual(expect.arrayContaining(['wav', 'stems']));
    const pdf = await t.as.developer.call('downloadLicensePdf', {
      path: { track_id: producerTrack },
      query: { license: license.uuid },
      headers: { accept: 'application/pdf' },
    });
    expectStatus(pdf, 200);
    expect(await pdfText(pdf.body as Buffer)).toContain('Exclusive license');
  });

  it('refuses as the print view does', async () => {
    const license = await issue(producerTrack, LISTENER);
    expectStatus(await t.as.developer.call('downloadLicensePdf', { path: { track_id: producerTrack }, query: { license: license.uuid } }), 403);
    expectStatus(await t.as.producer.call('downloadLicensePdf', { path: { track_id: producerTrack }, query: { license: license.uuid } }), 200);
    expectStatus(await t.as.listener.call('downloadLicensePdf', { path: { track_id: 2_000_000_000 } }), 404);
    expectStatus(await t.as.anonymous.call('downloadLicensePdf', { path: { track_id: producerTrack } }), 401);
    expectStatus(await t.as.listener.callUnchecked('downloadLicensePdf', { path: { track_id: producerTrack }, query: { license: 'nope' } }), 422);
  });
});

describe('integrity', () => {
  it('refuses an altered or incomplete certificate with 409, and verification says it is not intact', async () => {
    const altered = await issue(producerTrack, LISTENER);
    await t.server.rows(sql`update licenses set terms = jsonb_set(terms, '{licensee_name}', '"Mallory"') where id = ${altered.id}`);
    const html = await t.as.listener.call('getLicenseCertificate', { path: { track_id: producerTrack }, query: { license: altered.uuid } });
    expectStatus(html, 409);
    expect(html.body.message).toMatch(/invalid or incomplete/);
    expectStatus(await t.as.listener.call('downloadLicensePdf', { path: { track_id: producerTrack }, query: { license: altered.uuid } }), 409);
    const check = await t.as.anonymous.call('verifyLicense', { path: { uuid: altered.uuid } });
    expectStatus(check, 200);
    expect(check.body).toMatchObject({ status: 'active', integrity_verified: false, valid: false });

    const incomplete = await issue(producerTrack, LISTENER);
    await t.server.rows(sql`update licenses set terms = terms - 'track_name' where id = ${incomplete.id}`);
    expectStatus(await t.as.listener.call('getLicenseCertificate', { path: { track_id: producerTrack }, query: { license: incomplete.uuid } }), 409);
    const partial = await t.as.anonymous.call('verifyLicense', { path: { uuid: incomplete.uuid } });
    expectStatus(partial, 200);
    expect(partial.body).toMatchObject({ integrity_verified: false, valid: false, user_email_masked: null });
  });
});

describe('public verification', () => {
  it("answers D's shape to anyone, with the licensee's email masked and never in full", async () => {
    const license = await issue(producerTrack, LISTENER);
    const reply = await t.as.anonymous.call('verifyLicense', { path: { uuid: license.uuid } });
    expectStatus(reply, 200);
    expect(reply.body).toEqual({
      status: 'active',
      valid: true,
      expires_at: null,
      integrity_verified: true,
      issued_at: license.issuedAt.toISOString(),
      license_type: 'non_exclusive',
      license_uuid: license.uuid,
      track_artists: expect.arrayContaining(['Demo Producer']),
      track_name: trackName,
      user_email_masked: 'l***@b***.test',
    });
    expect(JSON.stringify(reply.body)).not.toContain(LISTENER);

    const withBody = await t.as.developer.call('verifyLicense', { path: { uuid: license.uuid }, body: { 'g-recaptcha-response': 'token' } });
    expectStatus(withBody, 200);
    const older = await t.as.anonymous.call('getLicenseVerification', { path: { uuid: license.uuid } });
    expectStatus(older, 200);
    expect(older.body).toEqual(reply.body);
  });

  it('derives expired from expires_at', async () => {
    const license = await issue(producerTrack, DEVELOPER);
    await t.server.rows(sql`update licenses set expires_at = now() - interval '1 day' where id = ${license.id}`);
    const reply = await t.as.anonymous.call('verifyLicense', { path: { uuid: license.uuid } });
    expectStatus(reply, 200);
    expect(reply.body).toMatchObject({ status: 'expired', valid: false, integrity_verified: true });
    expect(reply.body.expires_at).not.toBeNull();
  });

  it('refuses unknown and malformed UUIDs, unknown fields and a session without its XSRF header', async () => {
    for (const call of ['verifyLicense', 'getLicenseVerification'] as const) {
      const missing = await t.as.anonymous.call(call, { path: { uuid: UNKNOWN_UUID } });
      expectStatus(missing, 404);
      expect(missing.body.message).toBe('License not found.');
      expectStatus(await t.as.anonymous.callUnchecked(call, { path: { uuid: 'not-a-uuid' } }), 422);
    }
    expectStatus(await t.as.anonymous.callUnchecked('verifyLicense', { path: { uuid: UNKNOWN_UUID }, body: { email: 'x' } }), 422);
    expectStatus(await t.as.listener.call('verifyLicense', { path: { uuid: UNKNOWN_UUID }, xsrf: false }), 419);
    expectStatus(await t.server.bearer('1|not-a-token').call('verifyLicense', { path: { uuid: UNKNOWN_UUID } }), 401);
    expectStatus(await t.server.bearer('1|not-a-token').call('getLicenseVerification', { path: { uuid: UNKNOWN_UUID } }), 401);
  });
});

describe('revocation', () => {
  it("is the track's owner's alone: not the licensee's, not another user's", async () => {
    const license = await issue(producerTrack, LISTENER);
    const body = { reason: 'The payment was disputed.' };
    const own = await t.as.listener.call('revokeLicense', { path: { uuid: license.uuid }, body });
    expectStatus(own, 403);
    expect(own.body.message).toBe("Only the track's owner can revoke its licenses.");
    expectStatus(await t.as.developer.call('revokeLicense', { path: { uuid: license.uuid }, body }), 403);
    expectStatus(await t.as.anonymous.call('revokeLicense', { path: { uuid: license.uuid }, body }), 401);
    const [row] = await t.server.rows<{ status: string }>(sql`select status from licenses where id = ${license.id}`);
    expect(row!.status).toBe('active');
  });

  it('withdraws the license everywhere: invalid on verification, certificate gone, no longer held', async () => {
    const license = await issue(otherProducerTrack, LISTENER);
    const revoked = await t.as.producer.call('revokeLicense', { path: { uuid: license.uuid }, body: { reason: '  Chargeback on the payment.  ' } });
    expectStatus(revoked, 200);
    expect(revoked.body).toEqual({ message: 'License revoked.' });

    const check = await t.as.anonymous.call('verifyLicense', { path: { uuid: license.uuid } });
    expectStatus(check, 200);
    expect(check.body).toMatchObject({ status: 'revoked', valid: false, integrity_verified: true });

    const html = await t.as.listener.call('getLicenseCertificate', { path: { track_id: otherProducerTrack }, query: { license: license.uuid } });
    expectStatus(html, 410);
    expect(html.body.message).toBe('This license has been revoked.');
    expectStatus(await t.as.listener.call('downloadLicensePdf', { path: { track_id: otherProducerTrack }, query: { license: license.uuid } }), 410);

    const listed = await t.as.listener.call('listUserLicenses', { query: { per_page: 100 } });
    expectStatus(listed, 200);
    expect(listed.body.pagination.data.find((entry) => entry.uuid === license.uuid)).toMatchObject({
      status: 'revoked',
      revocation_reason: 'Chargeback on the payment.',
    });

    const again = await t.as.producer.call('revokeLicense', { path: { uuid: license.uuid }, body: { reason: 'Twice.' } });
    expectStatus(again, 409);
  });

  it('refuses an unknown license and a missing, blank or too long reason', async () => {
    const license = await issue(producerTrack, LISTENER);
    expectStatus(await t.as.producer.call('revokeLicense', { path: { uuid: UNKNOWN_UUID }, body: { reason: 'x' } }), 404);
    expectStatus(await t.as.producer.callUnchecked('revokeLicense', { path: { uuid: license.uuid }, body: {} }), 422);
    const blank = await t.as.producer.call('revokeLicense', { path: { uuid: license.uuid }, body: { reason: '   ' } });
    expectStatus(blank, 422);
    expect(blank.body.errors).toEqual({ reason: ['The reason field is required.'] });
    expectStatus(await t.as.producer.call('revokeLicense', { path: { uuid: license.uuid }, body: { reason: 'x'.repeat(501) } }), 422);
  });
});

describe("the caller's licenses", () => {
  it('lists only their own, newest first, in pages', async () => {
    const first = await issue(producerTrack, DEVELOPER);
    const second = await issue(otherProducerTrack, DEVELOPER);
    const page = await t.as.developer.call('listUserLicenses', { query: { per_page: 1 } });
    expectStatus(page, 200);
    expect(page.body.status).toBe('success');
    expect(page.body.pagination.data.map((entry) => entry.uuid)).toEqual([second.uuid]);
    expect(page.body.pagination.per_page).toBe(1);
    const all = await t.as.developer.call('listUserLicenses', { query: { per_page: 100 } });
    expectStatus(all, 200);
    const uuids = all.body.pagination.data.map((entry) => entry.uuid);
    expect(uuids.indexOf(second.uuid)).toBeLessThan(uuids.indexOf(first.uuid));
    const owners = await t.server.rows<{ uuid: string }>(sql`select uuid from licenses where user_id = ${await userId(DEVELOPER)}`);
    expect(new Set(uuids)).toEqual(new Set(owners.map((row) => row.uuid)));

    const listener = await t.as.listener.call('listUserLicenses', { query: { per_page: 100 } });
    expectStatus(listener, 200);
    expect(listener.body.pagination.data.some((entry) => uuids.includes(entry.uuid))).toBe(false);
  });

  it('refuses anonymous callers and a page size past 100', async () => {
    expectStatus(await t.as.anonymous.call('listUserLicenses'), 401);
    expectStatus(await t.as.listener.callUnchecked('listUserLicenses', { query: { per_page: 101 } }), 422);
  });
});

describe('the retired generate route', () => {
  it('answers 410 Gone pointing at the purchase flow, and issues nothing', async () => {
    const [{ count: before }] = (await t.server.rows<{ count: number }>(sql`select count(*)::int as count from licenses`)) as [{ count: number }];
    const reply = await t.as.listener.call('generateTrackLicense', { path: { track_id: producerTrack }, body: { license_type: 'non_exclusive' } });
    expectStatus(reply, 410);
    expect(reply.body.message).toContain('/purchase/initiate');
    const [{ count: after }] = (await t.server.rows<{ count: number }>(sql`select count(*)::int as count from licenses`)) as [{ count: number }];
    expect(after).toBe(before);
    expectStatus(await t.as.anonymous.call('generateTrackLicense', { path: { track_id: producerTrack } }), 401);
    expectStatus(await t.as.listener.callUnchecked('generateTrackLicense', { path: { track_id: producerTrack }, body: { license_type: 'forever' } }), 422);
  });
});

describe('downloads for license holders', () => {
  it('lets a buyer without a paid plan download a track they hold a license for, until it is revoked', async () => {
    const upload = await t.as.producer.call('uploadTrackAudio', { form: wavForm('licensed-download.wav', wavBytes({ seconds: 1 })) });
    expectStatus(upload, 201);
    const track = await publish(t.as.producer, upload.body.fileEntry.id);

    const before = await t.as.developer.call('downloadTrack', { path: { track_id: track.id } });
    expectStatus(before, 403);

    const license = await issue(track.id, DEVELOPER);
    const download = await t.as.developer.call('downloadTrack', { path: { track_id: track.id } });
    expectStatus(download, 200);
    expect(download.headers.get('content-type')).toBe('audio/wav');

    expectStatus(await t.as.producer.call('revokeLicense', { path: { uuid: license.uuid }, body: { reason: 'Refunded.' } }), 200);
    expectStatus(await t.as.developer.call('downloadTrack', { path: { track_id: track.id } }), 403);
  });
});
