// Fixtures for the example replay: what an example takes for granted (the caller's own artist
// profile, tracks, albums, playlists, lyrics and uploads; other accounts; an invitation), made
// through the API for one replay case. Each case starts from the seed plus rows of its own, so
// no case depends on another having run (or not run) before it. Rows are made by sending the
// create operations' own first request example, so the fixtures follow the spec; names get the
// owner's id and the row's number appended, since some must be unique (track names across the
// catalog, playlist names per owner).
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { SANDBOX_WEBHOOK_SECRET } from '../../server/payments/commerce.js';
import { signPayload } from '../../server/payments/webhook-signature.js';
import { DEMO_PASSWORD, DEMO_PRODUCER_EMAIL } from '../../server/seed/seed.js';
import { operationTable, type OperationId } from '../../generated/contract.js';
import { spec } from '../fuzz/spec.js';
import { Agent } from '../support/http.js';
import { wavBytes } from '../support/wav.js';
import { call, type CallInput } from './contract-calls.js';

/**
 * Who sends a replay case (replay.ts picks one per operation). `producerSession`: the demo
 * producer, who manages seeded tracks, albums, an artist and its credits; `newAccount`: a
 * listener registered for the case, who makes what the example says it owns.
 */
export type CallerKind = 'browser' | 'developerSession' | 'pendingTwoFactor' | 'producerSession' | 'newAccount';

export interface LiveCaller {
  kind: CallerKind;
  agent: Agent;
  /** The signed-in user's id, when there is one. */
  userId: number | null;
  /** A developer token of the caller, created for this case, when the caller has developer access. */
  tokenId: number | null;
}

/** Kinds of rows a new account can make for itself. */
export type OwnedKind = 'artist' | 'credit' | 'file_entry' | 'track' | 'album' | 'playlist' | 'lyric' | 'preset' | 'collection';

type Body = Record<string, any>;

/** The first JSON request example of an operation (a copy). */
export function requestExample(operationId: OperationId): Body {
  const info = operationTable[operationId];
  const operation = spec.paths[info.path]![info.method.toLowerCase()] as unknown as {
    requestBody?: { content?: Record<string, { examples?: Record<string, { value?: unknown }> }> };
  };
  const first = Object.values(operation.requestBody?.content?.['application/json']?.examples ?? {})[0];
  if (!first) throw new Error(`replay fixture: ${operationId} has no request example to make a row from`);
  return structuredClone(first.value) as Body;
}

/** Sends one fixture request and insists on its documented success. */
export async function send(agent: Agent, operationId: OperationId, input: CallInput, expected = 200): Promise<Body> {
  const exchange = await call(agent, operationId, input);
  if (exchange.status !== expected || exchange.problems.length > 0) {
    throw new Error(`replay fixture: ${exchange.request} answered ${exchange.status} ${JSON.stringify(exchange.body)} ${exchange.problems.join('; ')}`);
  }
  return exchange.body as Body;
}

let accounts = 0;

/** A new listener account (registered through the API), signed in through the web flow. */
export async function newAccount(baseUrl: string): Promise<LiveCaller> {
  const agent = new Agent(baseUrl);
  const email = `replay-${process.pid}-${++accounts}@example.test`;
  const registered = await send(agent, 'register', { body: { email, password: DEMO_PASSWORD, password_confirmation: DEMO_PASSWORD } });
  const login = await agent.login(email, DEMO_PASSWORD);
  if (login.status !== 200) throw new Error(`replay fixture: sign-in as ${email} answered ${login.status}`);
  return { kind: 'newAccount', agent, userId: registered.boostrapData.user.id as number, tokenId: null };
}

/** A short WAV upload, as a producer's browser would send it. */
export function wavForm(): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(wavBytes({ seconds: 1.5 }))], { type: 'audio/wav' }), 'Night Ride 140bpm F#m.wav');
  return form;
}

/**
 * Everything made for one replay case: rows the caller owns (by kind, in the order the
 * example's synthetic ids ask for them) and other accounts (`peer(1)` is the example's second
 * user, and so on).
 */
export class CaseFixtures {
  private readonly owned = new Map<OwnedKind, number[]>();
  private readonly peers = new Map<number, LiveCaller>();

  constructor(
    readonly baseUrl: string,
    readonly caller: LiveCaller,
    /** The seeded row of a kind by rank (0: the smallest id). */
    readonly seeded: (kind: string, rank: number) => Promise<number>,
    /** Reads the case's database (to find seeded rows a kind and rank cannot name). */
    readonly rows: <T>(query: SQL) => Promise<T[]>,
  ) {}

  async peer(rank: number): Promise<LiveCaller> {
    let peer = this.peers.get(rank);
    if (!peer) {
      peer = await newAccount(this.baseUrl);
      this.peers.set(rank, peer);
    }
    return peer;
  }

  peerWithId(userId: number): LiveCaller | undefined {
    return [...this.peers.values()].find((p) => p.userId === userId);
  }

  /** The caller's `rank`-th row of `kind`, made now if the case has not made it yet. */
  async own(kind: OwnedKind, rank = 0): Promise<number> {
    const rows = this.owned.get(kind) ?? [];
    this.owned.set(kind, rows);
    while (rows.length <= rank) rows.push(await this.make(kind, rows.length));
    return rows[rank]!;
  }

  private async make(kind: OwnedKind, rank: number): Promise<number> {
    const { agent } = this.caller;
    const tag = `${this.caller.userId}-${rank + 1}`;
    const named = (body: Body): Body => ({ ...body, name: `${body.name} ${tag}` });
    switch (kind) {
      case 'artist':
        if (rank > 0) throw new Error('replay fixture: an account manages one artist profile, so it cannot own a second one');
        return (await send(agent, 'createArtist', { body: requestExample('createArtist') })).artist.id;
      case 'credit': {
        // Title and role only: an artist may credit one Spotify track once per role.
        const { title, role } = requestExample('createArtistCredit');
        const body = { title: `${title} ${tag}`, role };
        return (await send(agent, 'createArtistCredit', { path: { artist_id: await this.own('artist') }, body })).credit.id;
      }
      case 'file_entry':
        return this.upload();
      case 'track': {
        const body = { ...named(requestExample('createTrack')), file_entry_id: await this.upload() };
        return (await send(agent, 'createTrack', { body })).track.id;
      }
      case 'album':
        await this.own('artist');
        return (await send(agent, 'createAlbum', { body: named(requestExample('createAlbum')) })).album.id;
      case 'playlist':
        // Collaborative, so that editors can be invited to it.
        return (await send(agent, 'createPlaylist', { body: { ...named(requestExample('createPlaylist')), collaborative: true } })).playlist.id;
      case 'lyric': {
        // One lyric per track and user: the n-th lyric goes on the n-th seeded track.
        const body = { ...requestExample('createLyric'), track_id: await this.seeded('track', rank) };
        return (await send(agent, 'createLyric', { body })).lyric.id;
      }
      case 'preset':
        return (await send(agent, 'createExclusiveLicensePreset', { body: named(requestExample('createExclusiveLicensePreset')) })).preset.id;
      case 'collection': {
        // Collections are private: the caller's own, holding the first two seeded tracks.
        const body = { ...named(requestExample('createCollection')), track_ids: [await this.seeded('track', 0), await this.seeded('track', 1)] };
        return (await send(agent, 'createCollection', { body }, 201)).collection.id;
      }
    }
  }

  /** A new upload of the caller (who needs an artist profile to upload). */
  private async upload(): Promise<number> {
    await this.own('artist');
    return (await send(this.caller.agent, 'uploadTrackAudio', { form: wavForm() }, 201)).fileEntry.id;
  }
}

// ---------------------------------------------------------------------------------------
// Preparations: state an example presumes beyond rows the caller owns. Each runs after the
// synthetic ids are mapped and returns the request to send.

export type Prepare = (f: CaseFixtures, request: CallInput) => Promise<CallInput>;

/** The playlist already holds the tracks the request names (in ascending id order). */
export const tracksInPlaylist: Prepare = async (f, request) => {
  const ids = [...(request.body as { ids: number[] }).ids].sort((a, b) => a - b);
  await send(f.caller.agent, 'addPlaylistTracks', { path: { playlist_id: request.path!.playlist_id! }, body: { ids } });
  return request;
};

/** The user the request names (unless it is the owner) is an editor: invited, and accepted. */
export const editorOfPlaylist: Prepare = async (f, request) => {
  const userId = (request.body as { user_id: number }).user_id;
  if (userId === f.caller.userId) return request;
  const editor = f.peerWithId(userId);
  if (!editor) throw new Error(`replay fixture: user ${userId} is not an account of this case`);
  const playlist_id = request.path!.playlist_id!;
  await send(f.caller.agent, 'invitePlaylistEditor', { path: { playlist_id }, body: { user_id: userId } });
  await send(editor.agent, 'acceptPlaylistInvite', { path: { playlist_id } });
  return request;
};

/** Another account's playlist has invited the caller; the request names that playlist. */
export const invitedByPeer: Prepare = async (f, request) => {
  const owner = await f.peer(1);
  const playlist = await send(owner.agent, 'createPlaylist', { body: { ...requestExample('createPlaylist'), collaborative: true } });
  await send(owner.agent, 'invitePlaylistEditor', { path: { playlist_id: playlist.playlist.id }, body: { user_id: f.caller.userId } });
  return { ...request, path: { ...request.path, playlist_id: playlist.playlist.id } };
};

/**
 * Library items name their kind in `likeable_type`, which the id swap cannot read: it maps
 * every `likeable_id` as a track (idFields), and this maps the album and artist ones to the
 * seeded row of their own kind with the same rank. Ids that were not synthetic (unknown ids)
 * are left alone.
 */
export const likeablesOfTheirKind: Prepare = async (f, request) => {
  const body = request.body as { likeables: { likeable_id: number; likeable_type: string }[] };
  const likeables = [];
  for (const item of body.likeables) {
    if (item.likeable_type === 'track') {
      likeables.push(item);
      continue;
    }
    const [rank] = await f.rows<{ n: number }>(sql`select count(*)::int as n from tracks where id < ${item.likeable_id}`);
    const isSeededTrack = (await f.rows(sql`select 1 from tracks where id = ${item.likeable_id}`)).length > 0;
    likeables.push(isSeededTrack ? { ...item, likeable_id: await f.seeded(item.likeable_type, rank!.n) } : item);
  }
  return { ...request, body: { ...body, likeables } };
};

/** The caller has an artist profile (to create albums and upload). */
export const withArtistProfile: Prepare = async (f, request) => {
  await f.own('artist');
  return request;
};

/** The request carries a WAV file, as the multipart upload expects. */
export const wavUpload: Prepare = async (f, request) => {
  await f.own('artist');
  return { ...request, form: wavForm() };
};

/** The track was just played by the caller; the request carries that play's token. */
export const playLogged: Prepare = async (f, request) => {
  const track_id = request.path!.track_id!;
  const logged = await send(f.caller.agent, 'logTrackPlay', { path: { track_id }, body: { ...requestExample('logTrackPlay'), idempotency_key: randomUUID() } });
  return { ...request, body: { ...(request.body as Body), play_token: logged.play_token } };
};

/** The demo producer's newest track, offered both ways (server/seed/commerce.ts): what a buyer's request names. */
export const trackForSale: Prepare = async (f, request) => {
  const [track] = await f.rows<{ id: number }>(sql`
    select t.id::int as id from tracks t join track_artists ta on ta.track_id = t.id and ta.position = 0
    join artists a on a.id = ta.artist_id join users u on u.id = a.user_id
    where u.email = ${DEMO_PRODUCER_EMAIL} order by t.created_at desc, t.id desc limit 1`);
  return { ...request, path: { ...request.path, track_id: track!.id } };
};

/** `buyer` has started buying that track; the request names its payment intent. */
async function checkoutOf(f: CaseFixtures, request: CallInput, buyer = f.caller): Promise<{ request: CallInput; paymentIntentId: string; trackId: number }> {
  const { path } = await trackForSale(f, { path: {} });
  const trackId = path!.track_id as number;
  // Non-exclusive, so that no case sells the exclusive another case's example buys.
  const checkout = await send(buyer.agent, 'initiateTrackPurchase', { path: { track_id: trackId }, body: { license_type: 'non_exclusive' } });
  return {
    request: { ...request, path: { ...request.path, payment_intent_id: checkout.payment_intent_id } },
    paymentIntentId: checkout.payment_intent_id,
    trackId,
  };
}

const checkoutOfCaller = (f: CaseFixtures, request: CallInput) => checkoutOf(f, request);

export const unpaidCheckout: Prepare = async (f, request) => (await checkoutOfCaller(f, request)).request;

/** As unpaidCheckout, and paid with the card that succeeds. */
export const paidCheckout: Prepare = async (f, request) => {
  const checkout = await checkoutOfCaller(f, request);
  await send(f.caller.agent, 'confirmSandboxPaymentIntent', {
    path: { payment_intent_id: checkout.paymentIntentId },
    body: { card_number: '4242424242424242' },
  });
  return checkout.request;
};

/** Signed as Stripe signs, with the sandbox's webhook secret. */
export const stripeSigned: Prepare = async (_f, request) => ({
  ...request,
  headers: { ...request.headers, 'Stripe-Signature': signPayload(JSON.stringify(request.body), SANDBOX_WEBHOOK_SECRET) },
});

/**
 * The caller (or, for an anonymous caller, another account) holds a license for that track,
 * bought through the sandbox and issued by the webhook; the request names the track and the
 * license's UUID.
 */
export const licenseHeld: Prepare = async (f, request) => {
  const buyer = f.caller.userId === null ? await f.peer(1) : f.caller;
  const checkout = await checkoutOf(f, request, buyer);
  await send(buyer.agent, 'confirmSandboxPaymentIntent', { path: { payment_intent_id: checkout.paymentIntentId }, body: { card_number: '4242424242424242' } });
  for (let attempt = 0; attempt < 200; attempt++) {
    const [license] = await f.rows<{ uuid: string }>(
      sql`select uuid::text as uuid from licenses where user_id = ${buyer.userId} and track_id = ${checkout.trackId}`,
    );
    if (license) {
      const path = {
        ...request.path,
        ...(request.path?.track_id === undefined ? {} : { track_id: checkout.trackId }),
        ...(request.path?.uuid === undefined ? {} : { uuid: license.uuid }),
      };
      const query = request.query?.license === undefined ? request.query : { ...request.query, license: license.uuid };
      return { ...request, path, query };
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('replay fixture: the webhook issued no license');
};

/** The caller already follows the user the request names (to unfollow them). */
export const followingUser: Prepare = async (f, request) => {
  await send(f.caller.agent, 'followUser', { path: { user_id: request.path!.user_id! } });
  return request;
};

/** The caller already follows the artist the request names (to unfollow it). */
export const followingArtist: Prepare = async (f, request) => {
  await send(f.caller.agent, 'followArtist', { path: { artist_id: request.path!.artist_id! } });
  return request;
};
