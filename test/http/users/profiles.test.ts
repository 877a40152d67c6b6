// User profiles: the public profile at both access tiers, the caller's profile update (and
// its field errors), contact info (never an account's email) and the monthly minutes left.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEMO_PRODUCER_EMAIL } from '../../../server/seed/seed.js';
import { useTestServer } from '../../support/fixture.js';
import { expectStatus } from '../../support/http.js';
import { freshUsers } from '../following/support.js';

const t = useTestServer({ signIn: ['listener', 'producer'] });

const idOf = async (email: string) => (await t.server.rows<{ id: number }>(sql`select id from users where email = ${email}`))[0]!.id;

describe('public profile', () => {
  it('gives anonymous callers the minimal profile with the managed artist', async () => {
    const producer = await idOf(DEMO_PRODUCER_EMAIL);
    const reply = await t.as.anonymous.call('getUserProfile', { path: { user_id: String(producer) } });
    expectStatus(reply, 200);
    expect(Object.keys(reply.body.user).sort()).toEqual(['artist', 'avatar', 'display_name', 'id', 'model_type', 'username']);
    expect(reply.body.user.artist).toEqual({ id: await t.server.artistIdOf(DEMO_PRODUCER_EMAIL), name: expect.any(String), model_type: 'artist' });
  });

  it('gives signed-in callers counts counted on read and their relation to the user', async () => {
    const [owner, fan, friend] = await freshUsers(t.server, 3);
    await t.server.rows(sql`insert into playlists (owner_id, name, public) values (${owner!.id}, 'Open', true), (${owner!.id}, 'Closed', false)`);
    expectStatus(await fan!.agent.call('followUser', { path: { user_id: String(owner!.id) } }), 200);
    expectStatus(await owner!.agent.call('followUser', { path: { user_id: String(friend!.id) } }), 200);
    const artistId = (await t.server.rows<{ id: number }>(sql`select id from artists order by id limit 1`))[0]!.id;
    expectStatus(await owner!.agent.call('followArtist', { path: { artist_id: artistId } }), 200);

    const seen = await fan!.agent.call('getUserProfile', { path: { user_id: String(owner!.id) } });
    expectStatus(seen, 200);
    expect(seen.body.user).toMatchObject({
      id: owner!.id,
      artist: null,
      counts: { followers: 1, followed_users: 1, followed_artists: 1, public_playlists: 1 },
      is_following: true,
      follows_you: false,
      is_self: false,
    });
    expect(seen.body.user).not.toHaveProperty('email');

    const own = await owner!.agent.call('getUserProfile', { path: { user_id: 'me' } });
    expectStatus(own, 200);
    expect(own.body.user).toMatchObject({ id: owner!.id, is_self: true, is_following: false });
    const back = await friend!.agent.call('getUserProfile', { path: { user_id: String(owner!.id) } });
    expectStatus(back, 200);
    expect(back.body.user).toMatchObject({ is_following: false, follows_you: true });
  });

  it('shows a producer’s artist profile in its rich form to signed-in callers', async () => {
    const reply = await t.as.listener.call('getUserProfile', { path: { user_id: String(await idOf(DEMO_PRODUCER_EMAIL)) } });
    expectStatus(reply, 200);
    expect(reply.body.user).toMatchObject({ artist: { id: await t.server.artistIdOf(DEMO_PRODUCER_EMAIL), followers_count: expect.any(Number) } });
  });

  it('answers 404 for an unknown user and 401 for `me` without a caller', async () => {
    const missing = await t.as.listener.call('getUserProfile', { path: { user_id: '2147483000' } });
    expectStatus(missing, 404);
    expect(missing.body).toEqual({ message: 'User not found.' });
    expectStatus(await t.as.anonymous.call('getUserProfile', { path: { user_id: 'me' } }), 401);
  });
});

describe('profile update', () => {
  it('updates only the fields sent, canonicalises the time zone, and `null` clears', async () => {
    const [me] = await freshUsers(t.server, 1);
    const username = `New.Name_${me!.id}`;
    const updated = await me!.agent.call('updateUserProfile', {
      body: { display_name: 'New Name', username, first_name: 'Nova', language: 'pt-BR', country: 'CA', timezone: 'america/toronto' },
    });
    expectStatus(updated, 200);
    expect(updated.body.user).toMatchObject({
      id: me!.id,
      display_name: 'New Name',
      username,
      first_name: 'Nova',
      last_name: null,
      language: 'pt-BR',
      country: 'CA',
      timezone: 'America/Toronto',
    });
    const cleared = await me!.agent.call('updateUserProfile', { body: { first_name: null, timezone: null } });
    expectStatus(cleared, 200);
    expect(cleared.body.user).toMatchObject({ display_name: 'New Name', first_name: null, timezone: null, country: 'CA' });
    // The settings are shown to the owner only.
    const account = await me!.agent.call('getUser', { path: { user_id: 'me' } });
    expectStatus(account, 200);
    expect(account.body.user).toMatchObject({ country: 'CA', language: 'pt-BR' });
    const other = await t.as.listener.call('getUser', { path: { user_id: String(me!.id) } });
    expectStatus(other, 200);
    expect(other.body.user).not.toHaveProperty('country');
    // Keeping one's own username (in another case) is no conflict.
    expectStatus(await me!.agent.call('updateUserProfile', { body: { username: username.toUpperCase() } }), 200);
  });

  it('refuses a username another account holds, ignoring case', async () => {
    const [me] = await freshUsers(t.server, 1);
    const reply = await me!.agent.call('updateUserProfile', { body: { username: 'PRODUCER' } });
    expectStatus(reply, 422);
    expect(reply.body.errors).toEqual({ username: ['The username has already been taken.'] });
  });

  it('refuses unknown codes and time zones on their fields, changing nothing', async () => {
    const [me] = await freshUsers(t.server, 1);
    const reply = await me!.agent.call('updateUserProfile', {
      body: { display_name: 'Changed', country: 'ZZ', language: 'qq', timezone: 'Mars/Olympus_Mons' },
    });
    expectStatus(reply, 422);
    expect(Object.keys(reply.body.errors).sort()).toEqual(['country', 'language', 'timezone']);
    const [row] = await t.server.rows<{ display_name: string }>(sql`select display_name from users where id = ${me!.id}`);
    expect(row!.display_name).not.toBe('Changed');
  });

  it('refuses an empty body, unknown fields and out-of-bounds values (422) and anonymous callers (401)', async () => {
    const [me] = await freshUsers(t.server, 1);
    expect((await me!.agent.callUnchecked('updateUserProfile', { body: {} })).status).toBe(422);
    expect((await me!.agent.callUnchecked('updateUserProfile', { body: { email: 'x@example.com' } })).status).toBe(422);
    expect((await me!.agent.callUnchecked('updateUserProfile', { body: { username: 'a'.repeat(32) } })).status).toBe(422);
    expect((await me!.agent.callUnchecked('updateUserProfile', { body: { avatar: 'javascript:alert(1)' } })).status).toBe(422);
    expectStatus(await t.as.anonymous.call('updateUserProfile', { body: { display_name: 'x' } }), 401);
  });
});

describe('contact info', () => {
  it('shows a producer’s public contact (artist website, business email), never the account email', async () => {
    const producer = await idOf(DEMO_PRODUCER_EMAIL);
    const [track] = await t.server.rows<{ id: number }>(
      sql`select id from tracks where owner_id = ${producer} and licensing_type <> 'non_exclusive_only' order by created_at desc, id desc limit 1`,
    );
    await t.server.rows(sql`update tracks set exclusive_contact_email = 'deals@producer.example.com' where id = ${track!.id}`);
    const reply = await t.as.listener.call('getUserContactInfo', { path: { user_id: String(producer) } });
    expectStatus(reply, 200);
    expect(reply.body.contact).toMatchObject({
      user_id: producer,
      artist: { id: await t.server.artistIdOf(DEMO_PRODUCER_EMAIL) },
      business_email: 'deals@producer.example.com',
    });
    expect(JSON.stringify(reply.body)).not.toContain(DEMO_PRODUCER_EMAIL);
  });

  it('shows a listener nothing private, and whether the two follow each other', async () => {
    const [a, b] = await freshUsers(t.server, 2);
    expectStatus(await b!.agent.call('followUser', { path: { user_id: String(a!.id) } }), 200);
    const reply = await a!.agent.call('getUserContactInfo', { path: { user_id: String(b!.id) } });
    expectStatus(reply, 200);
    expect(reply.body.contact).toMatchObject({ user_id: b!.id, artist: null, business_email: null, is_following: false, follows_you: true });
    expect(JSON.stringify(reply.body)).not.toContain('@beatpass.test');
  });

  it('answers 404 for an unknown user and 401 without a caller', async () => {
    expectStatus(await t.as.listener.call('getUserContactInfo', { path: { user_id: '2147483000' } }), 404);
    expectStatus(await t.as.anonymous.call('getUserContactInfo', { path: { user_id: 'me' } }), 401);
  });
});

describe('minutes left', () => {
  async function upload(userId: number, minutes: number, at = sql`now()`) {
    await t.server.rows(sql`insert into file_entries (owner_id, original_name, mime_type, size_bytes, storage_key, duration_ms, sample_rate, channels, peaks, created_at)
      values (${userId}, 'beat.wav', 'audio/wav', 1000, 'test/beat.wav', ${minutes * 60_000}, 44100, 2, '[]'::jsonb, ${at})`);
  }

  it('subtracts this month’s uploads from the plan’s budget, never below zero', async () => {
    const [me] = await freshUsers(t.server, 1);
    const before = await me!.agent.call('getUserMinutesLeft', { path: { user_id: 'me' } });
    expectStatus(before, 200);
    expect(before.body).toEqual({ status: 'success', minutesLeft: 30 });

    await upload(me!.id, 12.5);
    // Last month's upload does not count.
    await upload(me!.id, 20, sql`date_trunc('month', now()) - interval '1 day'`);
    const after = await me!.agent.call('getUserMinutesLeft', { path: { user_id: String(me!.id) } });
    expectStatus(after, 200);
    expect(after.body.minutesLeft).toBe(17);

    await t.server.rows(sql`update users set plan = 'plus' where id = ${me!.id}`);
    expect((await me!.agent.call('getUserMinutesLeft', { path: { user_id: 'me' } })).body).toEqual({ status: 'success', minutesLeft: 287 });
    await t.server.rows(sql`update users set plan = 'classic' where id = ${me!.id}`);
    await upload(me!.id, 200);
    expect((await me!.agent.call('getUserMinutesLeft', { path: { user_id: 'me' } })).body).toEqual({ status: 'success', minutesLeft: 0 });
  });

  it('has no limit on Pro', async () => {
    const [me] = await freshUsers(t.server, 1);
    await t.server.rows(sql`update users set plan = 'pro' where id = ${me!.id}`);
    const reply = await me!.agent.call('getUserMinutesLeft', { path: { user_id: 'me' } });
    expectStatus(reply, 200);
    expect(reply.body).toEqual({ status: 'success', minutesLeft: null });
  });

  it('shows only the caller’s own budget: 403 for any other id, existing or not', async () => {
    const [me, other] = await freshUsers(t.server, 2);
    for (const user_id of [String(other!.id), '2147483000']) {
      const reply = await me!.agent.call('getUserMinutesLeft', { path: { user_id } });
      expectStatus(reply, 403);
      expect(reply.body).toEqual({ message: 'You can only see your own minutes left.' });
    }
    expectStatus(await t.as.anonymous.call('getUserMinutesLeft', { path: { user_id: 'me' } }), 401);
  });
});

describe('malformed ids', () => {
  it('answers 422 for a user id the pattern refuses', async () => {
    for (const op of ['getUserProfile', 'getUserContactInfo', 'getUserMinutesLeft'] as const) {
      expect((await t.as.listener.callUnchecked(op, { path: { user_id: 'me2' } })).status, op).toBe(422);
    }
  });
});
