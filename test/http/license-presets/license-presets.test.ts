import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../../generated/api.js';
import { PLATFORM_EXCLUSIVE_LICENSE_CONFIG } from '../../../server/domains/license-presets/platform-default.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus, type Agent } from '../../support/http.js';

type ConfigInput = components['schemas']['ExclusiveLicenseConfigInput'];

const t = useTestServer({ signIn: ['producer', 'developer', 'listener'] });

const SPLIT_30_70: ConfigInput = { publishing_share: { producer: 30, licensee: 70 }, producer_royalty_percentage: 5 };

async function createPreset(agent: Agent, name: string, extra: { config?: ConfigInput; is_default?: boolean; description?: string } = {}) {
  const reply = await agent.call('createExclusiveLicensePreset', { body: { name, config: SPLIT_30_70, ...extra } });
  expectStatus(reply, 200);
  return reply.body.preset;
}

async function defaultsOf(email: string): Promise<number[]> {
  const rows = await t.server.rows<{ id: number }>(
    sql`select p.id from exclusive_license_presets p join users u on u.id = p.user_id where u.email = ${email} and p.is_default order by p.id`,
  );
  return rows.map((row) => row.id);
}

/** A track the demo producer owns, to point at presets. */
async function producerTrackId(rank: number): Promise<number> {
  const [row] = await t.server.rows<{ id: number }>(
    sql`select t.id from tracks t join users u on u.id = t.owner_id where u.email = 'producer@beatpass.test' order by t.id offset ${rank} limit 1`,
  );
  return row!.id;
}

/** Offers the track exclusively under the preset (or none), as the track form saves it. */
function assignPreset(trackId: number, presetId: number | null) {
  return t.as.producer.call('updateTrack', {
    path: { track_id: trackId },
    body: {
      licensing_type: 'both',
      exclusive_status: 'available',
      exclusive_price: 499,
      exclusive_contact_email: 'producer@beatpass.test',
      exclusive_license_preset_id: presetId,
    },
  });
}

describe('exclusive-license presets', () => {
  it('creates a preset whose omitted terms take the platform values, and lists, reads, updates and deletes it', async () => {
    const created = await t.as.producer.call('createExclusiveLicensePreset', {
      body: { name: '  Standard Exclusive  ', description: 'Stems included.', config: SPLIT_30_70 },
    });
    expectStatus(created, 200);
    const { preset, message } = created.body;
    expect(message).toBe('Preset created successfully.');
    expect(preset).toMatchObject({ name: 'Standard Exclusive', description: 'Stems included.', is_default: false, tracks_count: 0 });
    expect(preset.config).toEqual({ ...PLATFORM_EXCLUSIVE_LICENSE_CONFIG, publishing_share: { producer: 30, licensee: 70 }, producer_royalty_percentage: 5 });

    const listed = await t.as.producer.call('listExclusiveLicensePresets');
    expectStatus(listed, 200);
    expect(listed.body.presets.find((p) => p.id === preset.id)).toEqual(preset);

    const read = await t.as.producer.call('getExclusiveLicensePreset', { path: { preset_id: preset.id } });
    expectStatus(read, 200);
    expect(read.body.preset).toEqual(preset);

    // A config sent replaces the stored one: the royalty not sent again goes back to the platform's 3%.
    const updated = await t.as.producer.call('updateExclusiveLicensePreset', {
      path: { preset_id: preset.id },
      body: { name: 'Standard Exclusive v2', config: { publishing_share: { producer: 40, licensee: 60 }, territory: 'Canada' } },
    });
    expectStatus(updated, 200);
    expect(updated.body.message).toBe('Preset updated successfully.');
    expect(updated.body.preset).toMatchObject({ name: 'Standard Exclusive v2', description: 'Stems included.' });
    expect(updated.body.preset.config).toEqual({
      ...PLATFORM_EXCLUSIVE_LICENSE_CONFIG,
      publishing_share: { producer: 40, licensee: 60 },
      territory: 'Canada',
    });

    // Without config, the terms stay; null clears the description.
    const described = await t.as.producer.call('updateExclusiveLicensePreset', { path: { preset_id: preset.id }, body: { description: null } });
    expectStatus(described, 200);
    expect(described.body.preset.description).toBeNull();
    expect(described.body.preset.config.territory).toBe('Canada');

    const deleted = await t.as.producer.call('deleteExclusiveLicensePreset', { path: { preset_id: preset.id } });
    expectStatus(deleted, 200);
    expect(deleted.body).toEqual({ status: 'success', message: 'Preset deleted successfully.' });
    const gone = await t.as.producer.call('getExclusiveLicensePreset', { path: { preset_id: preset.id } });
    expectStatus(gone, 404);
    expect(gone.body).toEqual({ message: 'Preset not found.' });
    expect((await t.as.producer.call('deleteExclusiveLicensePreset', { path: { preset_id: preset.id } })).status).toBe(404);
    expect((await t.as.producer.call('updateExclusiveLicensePreset', { path: { preset_id: preset.id }, body: { name: 'x' } })).status).toBe(404);
    expect((await t.as.producer.call('setDefaultExclusiveLicensePreset', { path: { preset_id: preset.id } })).status).toBe(404);
  });

  it('serves the platform terms', async () => {
    const reply = await t.as.listener.call('getExclusiveLicenseDefaultConfig');
    expectStatus(reply, 200);
    expect(reply.body).toEqual({ status: 'success', config: PLATFORM_EXCLUSIVE_LICENSE_CONFIG });
  });

  it('lists the default first, then by name', async () => {
    const agent = t.as.developer;
    await createPreset(agent, 'zeta');
    await createPreset(agent, 'Alpha');
    const chosen = await createPreset(agent, 'Middle', { is_default: true });
    const listed = await agent.call('listExclusiveLicensePresets');
    expectStatus(listed, 200);
    const names = listed.body.presets.map((p) => p.name);
    expect(names[0]).toBe('Middle');
    expect(listed.body.presets[0]!.id).toBe(chosen.id);
    expect(names.indexOf('Alpha')).toBeLessThan(names.indexOf('zeta'));
  });

  describe('one default per user', () => {
    it('moves the default on create and on set-default, and keeps it on a repeated set-default', async () => {
      const first = await createPreset(t.as.producer, 'Default one', { is_default: true });
      expect(first.is_default).toBe(true);
      expect(await defaultsOf('producer@beatpass.test')).toEqual([first.id]);

      const second = await createPreset(t.as.producer, 'Default two', { is_default: true });
      expect(await defaultsOf('producer@beatpass.test')).toEqual([second.id]);
      const firstNow = await t.as.producer.call('getExclusiveLicensePreset', { path: { preset_id: first.id } });
      expectStatus(firstNow, 200);
      expect(firstNow.body.preset.is_default).toBe(false);

      const made = await t.as.producer.call('setDefaultExclusiveLicensePreset', { path: { preset_id: first.id } });
      expectStatus(made, 200);
      expect(made.body.message).toBe('Default preset updated successfully.');
      expect(made.body.preset).toMatchObject({ id: first.id, is_default: true });
      expect(await defaultsOf('producer@beatpass.test')).toEqual([first.id]);

      const again = await t.as.producer.call('setDefaultExclusiveLicensePreset', { path: { preset_id: first.id } });
      expectStatus(again, 200);
      expect(await defaultsOf('producer@beatpass.test')).toEqual([first.id]);
    });

    it('ends with exactly one default when set-default calls race', async () => {
      const presets = [];
      for (const n of [1, 2, 3, 4]) presets.push(await createPreset(t.as.producer, `Racing ${n}`));
      const replies = await Promise.all(presets.map((p) => t.as.producer.call('setDefaultExclusiveLicensePreset', { path: { preset_id: p.id } })));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      const defaults = await defaultsOf('producer@beatpass.test');
      expect(defaults).toHaveLength(1);
      expect(presets.map((p) => p.id)).toContain(defaults[0]);
    });

    it('does not take is_default on update (set-default changes it)', async () => {
      const preset = await createPreset(t.as.producer, 'No flag on update');
      const reply = await t.as.producer.callUnchecked('updateExclusiveLicensePreset', {
        path: { preset_id: preset.id },
        body: { is_default: true },
      });
      expectStatus(reply, 422);
      expect(reply.body.errors).toEqual({ is_default: ['The is_default field is not allowed.'] });
    });
  });

  describe('terms', () => {
    it('refuses publishing shares that do not add up to 100 (422 on config.publishing_share), on create, update and the artist default', async () => {
      const broken: ConfigInput = { publishing_share: { producer: 30, licensee: 60 } };
      const created = await t.as.producer.call('createExclusiveLicensePreset', { body: { name: 'Broken split', config: broken } });
      expectStatus(created, 422);
      expect(created.body).toEqual({
        message: 'The producer and licensee publishing shares must add up to 100.',
        errors: { 'config.publishing_share': ['The producer and licensee publishing shares must add up to 100.'] },
      });
      const rows = await t.server.rows(sql`select id from exclusive_license_presets where name = 'Broken split'`);
      expect(rows).toEqual([]);

      const preset = await createPreset(t.as.producer, 'Split kept');
      const over = await t.as.producer.call('updateExclusiveLicensePreset', {
        path: { preset_id: preset.id },
        body: { config: { publishing_share: { producer: 60, licensee: 60 } } },
      });
      expectStatus(over, 422);
      expect(Object.keys(over.body.errors)).toEqual(['config.publishing_share']);
      const kept = await t.as.producer.call('getExclusiveLicensePreset', { path: { preset_id: preset.id } });
      expectStatus(kept, 200);
      expect(kept.body.preset.config.publishing_share).toEqual({ producer: 30, licensee: 70 });

      const artistDefault = await t.as.producer.call('setArtistExclusiveLicenseDefault', { body: { config: broken } });
      expectStatus(artistDefault, 422);
      expect(Object.keys(artistDefault.body.errors)).toEqual(['config.publishing_share']);
    });

    it('keeps each share between 0 and 100 and the royalty between 0 and 100', async () => {
      const cases: unknown[] = [
        { publishing_share: { producer: -10, licensee: 110 } },
        { publishing_share: { producer: 101, licensee: -1 } },
        { publishing_share: { producer: 50 } },
        { producer_royalty_percentage: 100.5 },
        { producer_royalty_percentage: -1 },
      ];
      for (const config of cases) {
        const reply = await t.as.producer.callUnchecked('createExclusiveLicensePreset', { body: { name: 'Out of range', config } });
        expectStatus(reply, 422);
        expect(
          Object.keys(reply.body.errors).every((field) => field.startsWith('config.')),
          JSON.stringify(reply.body),
        ).toBe(true);
      }
      const edges = await createPreset(t.as.producer, 'Edges', {
        config: { publishing_share: { producer: 0, licensee: 100 }, producer_royalty_percentage: 100 },
      });
      expect(edges.config.publishing_share).toEqual({ producer: 0, licensee: 100 });
    });

    it('needs wav and stems among at least one file to deliver', async () => {
      for (const files of [['wav'], ['stems', 'mp3_320']] as const) {
        const reply = await t.as.producer.call('createExclusiveLicensePreset', {
          body: { name: 'Files', config: { files_to_deliver: [...files] } },
        });
        expectStatus(reply, 422);
        expect(reply.body.errors).toEqual({ 'config.files_to_deliver': ['The files to deliver must include wav and stems.'] });
      }
      const empty = await t.as.producer.call('createExclusiveLicensePreset', { body: { name: 'Files', config: { files_to_deliver: [] } } });
      expectStatus(empty, 422);
      expect(Object.keys(empty.body.errors)).toEqual(['config.files_to_deliver']);
      const unknown = await t.as.producer.callUnchecked('createExclusiveLicensePreset', {
        body: { name: 'Files', config: { files_to_deliver: ['wav', 'stems', 'cassette'] } },
      });
      expectStatus(unknown, 422);
      const ok = await createPreset(t.as.producer, 'Files ok', { config: { files_to_deliver: ['stems', 'wav', 'midi'] } });
      expect(ok.config.files_to_deliver).toEqual(['stems', 'wav', 'midi']);
    });

    it('takes limits as "unlimited" or a positive count', async () => {
      const set = await createPreset(t.as.producer, 'Counted', {
        config: { distribute_copies_allowed: 5000, monetized_music_videos_allowed: 2, performances_not_for_profit_allowed: 'unlimited' },
      });
      expect(set.config).toMatchObject({
        distribute_copies_allowed: 5000,
        monetized_music_videos_allowed: 2,
        performances_not_for_profit_allowed: 'unlimited',
      });
      for (const value of [0, -3, 'lots', 2.5]) {
        const reply = await t.as.producer.callUnchecked('createExclusiveLicensePreset', {
          body: { name: 'Bad limit', config: { distribute_copies_allowed: value } },
        });
        expectStatus(reply, 422);
        expect(Object.keys(reply.body.errors)).toEqual(['config.distribute_copies_allowed']);
      }
      const zeroStreams = await t.as.producer.call('createExclusiveLicensePreset', {
        body: { name: 'Zero streams', config: { streaming_rights: true, audio_streams_allowed: 0 } },
      });
      expectStatus(zeroStreams, 422);
      expect(Object.keys(zeroStreams.body.errors)).toEqual(['config.audio_streams_allowed']);
      const zeroRadio = await t.as.producer.call('createExclusiveLicensePreset', {
        body: { name: 'Zero radio', config: { radio_stations_allowed: 0 } },
      });
      expectStatus(zeroRadio, 422);
      expect(Object.keys(zeroRadio.body.errors)).toEqual(['config.radio_stations_allowed']);
    });

    it('sets audio streams to 0 without streaming rights and radio stations to 0 without broadcasting rights', async () => {
      const preset = await createPreset(t.as.producer, 'No rights', {
        config: { streaming_rights: false, audio_streams_allowed: 1_000_000, broadcasting_rights: false },
      });
      expect(preset.config).toMatchObject({ streaming_rights: false, audio_streams_allowed: 0, broadcasting_rights: false, radio_stations_allowed: 0 });
      // Sending back what was read is accepted.
      const echoed = await t.as.producer.call('updateExclusiveLicensePreset', { path: { preset_id: preset.id }, body: { config: preset.config } });
      expectStatus(echoed, 200);
      expect(echoed.body.preset.config).toEqual(preset.config);
    });

    it('validates the name (1 to 100 characters after trimming) and the description (up to 1000)', async () => {
      for (const name of ['   ', '']) {
        const reply = await t.as.producer.call('createExclusiveLicensePreset', { body: { name, config: {} } });
        expectStatus(reply, 422);
        expect(Object.keys(reply.body.errors)).toEqual(['name']);
      }
      const long = await t.as.producer.call('createExclusiveLicensePreset', { body: { name: 'x'.repeat(101), config: {} } });
      expectStatus(long, 422);
      const longDescription = await t.as.producer.call('createExclusiveLicensePreset', { body: { name: 'ok', description: 'x'.repeat(1001), config: {} } });
      expectStatus(longDescription, 422);
      expect(Object.keys(longDescription.body.errors)).toEqual(['description']);
      const missingConfig = await t.as.producer.callUnchecked('createExclusiveLicensePreset', { body: { name: 'No config' } });
      expectStatus(missingConfig, 422);
      expect(Object.keys(missingConfig.body.errors)).toEqual(['config']);

      const preset = await createPreset(t.as.producer, 'Renamed later');
      const blank = await t.as.producer.call('updateExclusiveLicensePreset', { path: { preset_id: preset.id }, body: { name: '  ' } });
      expectStatus(blank, 422);
      const empty = await t.as.producer.callUnchecked('updateExclusiveLicensePreset', { path: { preset_id: preset.id }, body: {} });
      expectStatus(empty, 422);
      const platform = await createPreset(t.as.producer, 'All platform', { config: {} });
      expect(platform.config).toEqual(PLATFORM_EXCLUSIVE_LICENSE_CONFIG);
    });
  });

  describe('tracks that use a preset', () => {
    it('refuses to delete a preset while a track names it (422, errors []), and deletes it once none does', async () => {
      const preset = await createPreset(t.as.producer, 'In use');
      const [first, second] = [await producerTrackId(0), await producerTrackId(1)];
      for (const trackId of [first, second]) {
        expectStatus(await assignPreset(trackId, preset.id), 200);
      }
      const stored = await t.server.rows(sql`select id from tracks where exclusive_license_preset_id = ${preset.id} order by id`);
      expect(stored).toEqual([{ id: first }, { id: second }]);
      const read = await t.as.producer.call('getExclusiveLicensePreset', { path: { preset_id: preset.id } });
      expectStatus(read, 200);
      expect(read.body.preset.tracks_count).toBe(2);

      const refused = await t.as.producer.call('deleteExclusiveLicensePreset', { path: { preset_id: preset.id } });
      expectStatus(refused, 422);
      expect(refused.body).toEqual({
        message: 'This preset is used by 2 tracks and cannot be deleted. Assign those tracks another preset first.',
        errors: [],
      });

      const other = await createPreset(t.as.producer, 'Replacement');
      expectStatus(await assignPreset(first, other.id), 200);
      const stillOne = await t.as.producer.call('deleteExclusiveLicensePreset', { path: { preset_id: preset.id } });
      expectStatus(stillOne, 422);
      expect(stillOne.body.message).toMatch(/used by 1 track and/);

      expectStatus(await assignPreset(second, null), 200);
      const deleted = await t.as.producer.call('deleteExclusiveLicensePreset', { path: { preset_id: preset.id } });
      expectStatus(deleted, 200);
      expectStatus(await assignPreset(first, null), 200);
    });

    it("refuses a track naming a preset that is not the caller's (422 on exclusive_license_preset_id)", async () => {
      const foreign = await createPreset(t.as.developer, 'Not the producer’s');
      const trackId = await producerTrackId(2);
      for (const presetId of [foreign.id, 2_147_483_000]) {
        const reply = await assignPreset(trackId, presetId);
        expectStatus(reply, 422);
        expect(reply.body.errors).toEqual({ exclusive_license_preset_id: ['The selected exclusive license preset id is invalid.'] });
      }
      const rows = await t.server.rows(sql`select exclusive_license_preset_id as preset from tracks where id = ${trackId}`);
      expect(rows).toEqual([{ preset: null }]);
      const notInteger = await t.as.producer.callUnchecked('updateTrack', { path: { track_id: trackId }, body: { exclusive_license_preset_id: 'one' } });
      expectStatus(notInteger, 422);
    });
  });

  describe('privacy', () => {
    let foreign: components['schemas']['ExclusiveLicensePreset'];

    beforeAll(async () => {
      foreign = await createPreset(t.as.developer, 'Developer private', { description: 'Mine only.' });
    });

    it("answers 404 for another user's preset on every route and changes nothing", async () => {
      const producer = t.as.producer;
      const path = { preset_id: foreign.id };
      const replies = [
        await producer.call('getExclusiveLicensePreset', { path }),
        await producer.call('updateExclusiveLicensePreset', { path, body: { name: 'Taken over', config: {} } }),
        await producer.call('deleteExclusiveLicensePreset', { path }),
        await producer.call('setDefaultExclusiveLicensePreset', { path }),
      ];
      for (const reply of replies) {
        expect(reply.status).toBe(404);
        expect(reply.body).toEqual({ message: 'Preset not found.' });
      }
      const listed = await producer.call('listExclusiveLicensePresets');
      expectStatus(listed, 200);
      expect(listed.body.presets.some((p) => p.id === foreign.id)).toBe(false);

      const own = await t.as.developer.call('getExclusiveLicensePreset', { path });
      expectStatus(own, 200);
      expect(own.body.preset).toEqual(foreign);
    });

    it('needs a signed-in caller (401) on every route', async () => {
      const anonymous = t.as.anonymous;
      const path = { preset_id: foreign.id };
      const replies = [
        await anonymous.call('listExclusiveLicensePresets'),
        await anonymous.call('getExclusiveLicenseDefaultConfig'),
        await anonymous.call('getExclusiveLicensePreset', { path }),
        await anonymous.call('createExclusiveLicensePreset', { body: { name: 'Anonymous', config: {} } }),
        await anonymous.call('updateExclusiveLicensePreset', { path, body: { name: 'Anonymous' } }),
        await anonymous.call('deleteExclusiveLicensePreset', { path }),
        await anonymous.call('setDefaultExclusiveLicensePreset', { path }),
        await anonymous.call('getArtistExclusiveLicenseDefault'),
        await anonymous.call('setArtistExclusiveLicenseDefault', { body: { config: null } }),
      ];
      for (const reply of replies) {
        expect(reply.status).toBe(401);
        expect(reply.body).toEqual({ message: 'Unauthenticated.' });
      }
      const rows = await t.server.rows(sql`select name from exclusive_license_presets where name = 'Anonymous'`);
      expect(rows).toEqual([]);
    });

    it('needs the XSRF header on writes with a session cookie (419)', async () => {
      const reply = await t.as.developer.call('setDefaultExclusiveLicensePreset', { path: { preset_id: foreign.id }, xsrf: false });
      expect(reply.status).toBe(419);
    });
  });

  describe("the artist's default terms", () => {
    it('starts from the platform terms, saves the artist’s own, and goes back with null', async () => {
      const artistId = await t.server.artistIdOf('producer@beatpass.test');
      const reset = await t.as.producer.call('setArtistExclusiveLicenseDefault', { body: { config: null } });
      expectStatus(reset, 200);
      expect(reset.body).toEqual({
        status: 'success',
        artist_id: artistId,
        config: PLATFORM_EXCLUSIVE_LICENSE_CONFIG,
        is_platform_default: true,
        message: 'Default exclusive license terms saved.',
      });
      const initial = await t.as.producer.call('getArtistExclusiveLicenseDefault');
      expectStatus(initial, 200);
      expect(initial.body).toEqual({ status: 'success', artist_id: artistId, config: PLATFORM_EXCLUSIVE_LICENSE_CONFIG, is_platform_default: true });

      const saved = await t.as.producer.call('setArtistExclusiveLicenseDefault', {
        body: { config: { ...SPLIT_30_70, broadcasting_rights: false } },
      });
      expectStatus(saved, 200);
      const expected = {
        ...PLATFORM_EXCLUSIVE_LICENSE_CONFIG,
        publishing_share: { producer: 30, licensee: 70 },
        producer_royalty_percentage: 5,
        broadcasting_rights: false,
        radio_stations_allowed: 0,
      };
      expect(saved.body).toMatchObject({ artist_id: artistId, config: expected, is_platform_default: false });
      const read = await t.as.producer.call('getArtistExclusiveLicenseDefault');
      expectStatus(read, 200);
      expect(read.body).toEqual({ status: 'success', artist_id: artistId, config: expected, is_platform_default: false });
      const stored = await t.server.rows(sql`select exclusive_license_default as config from artists where id = ${artistId}`);
      expect(stored).toEqual([{ config: expected }]);

      expectStatus(await t.as.producer.call('setArtistExclusiveLicenseDefault', { body: { config: null } }), 200);
      const back = await t.as.producer.call('getArtistExclusiveLicenseDefault');
      expectStatus(back, 200);
      expect(back.body.is_platform_default).toBe(true);
    });

    it('refuses a caller without an artist profile (403)', async () => {
      const read = await t.as.listener.call('getArtistExclusiveLicenseDefault');
      expectStatus(read, 403);
      expect(read.body).toEqual({ message: 'You need an artist profile to have default exclusive license terms.' });
      const write = await t.as.listener.call('setArtistExclusiveLicenseDefault', { body: { config: SPLIT_30_70 } });
      expectStatus(write, 403);
    });

    it('refuses a missing or invalid config (422)', async () => {
      const missing = await t.as.producer.callUnchecked('setArtistExclusiveLicenseDefault', { body: {} });
      expectStatus(missing, 422);
      expect(Object.keys(missing.body.errors)).toEqual(['config']);
      const noStems = await t.as.producer.call('setArtistExclusiveLicenseDefault', { body: { config: { files_to_deliver: ['wav'] } } });
      expectStatus(noStems, 422);
      expect(Object.keys(noStems.body.errors)).toEqual(['config.files_to_deliver']);
    });
  });
});

describe('presets per user', () => {
  const limited = useTestServer({ signIn: ['developer'] });

  it('holds at most 100 presets: the next gets 429 preset_limit_reached, also when two are created at once', async () => {
    const [{ id: userId }] = (await limited.server.rows<{ id: number }>(sql`select id from users where email = 'developer@beatpass.test'`)) as [{ id: number }];
    const [{ held }] = (await limited.server.rows<{ held: number }>(
      sql`select count(*)::int as held from exclusive_license_presets where user_id = ${userId}`,
    )) as [{ held: number }];
    await limited.server.rows(sql`
      insert into exclusive_license_presets (user_id, name, config)
      select ${userId}::int, 'Filler ' || n, '{}'::jsonb from generate_series(1, ${99 - held}::int) as n`);

    const raced = await Promise.all([1, 2].map((n) => limited.as.developer.call('createExclusiveLicensePreset', { body: { name: `Race ${n}`, config: {} } })));
    expect(raced.map((reply) => reply.status).sort()).toEqual([200, 429]);
    const refused = await limited.as.developer.call('createExclusiveLicensePreset', { body: { name: 'One too many', config: {} } });
    expectStatus(refused, 429);
    expect(refused.body).toEqual({
      message: 'Preset limit reached. You can have at most 100 exclusive license presets.',
      error_code: 'preset_limit_reached',
    });
    const listed = await limited.as.developer.call('listExclusiveLicensePresets');
    expectStatus(listed, 200);
    expect(listed.body.presets).toHaveLength(100);
    // Stored partial terms are served complete.
    expect(listed.body.presets.find((p) => p.name === 'Filler 1')!.config).toEqual(PLATFORM_EXCLUSIVE_LICENSE_CONFIG);
  });
});
