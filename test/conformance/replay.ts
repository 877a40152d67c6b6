// Example replay: turns the spec's examples into requests for a seeded sandbox.
//
// Pairing (documented in openapi/README.md, "Examples"): a request example is paired with the
// response example of the same key, under whatever status holds it (so a request example
// `emailTaken` expects the 422 example `emailTaken`); without one, with the first example of
// the operation's lowest 2xx status. An operation without a request body is replayed once
// from its parameters' examples and paired the same way.
//
// Mapping: example values are synthetic, so before sending, the replay swaps what stands for
// the seed's data: integer ids from 900000001 up (path parameters, comma-separated id lists
// in paths, and `…_id`/`…_ids` body fields) become real ids, 900000001 the first row of its
// kind and 900000002 the second: the caller's own token; the caller as the first user and new
// accounts as the others; for the kinds a rule lists in `own`, rows the caller makes for the
// case (replay-fixtures.ts); else the seeded rows of the `<name>s` table in id order.
// `password`/`password_confirmation` become the demo password, `code` the demo two-factor
// account's current TOTP, `recovery_code` an unused demo recovery code. Emails are kept: the
// examples use the seeded demo accounts, and new ones for registration.
//
// Callers: operations open to anonymous callers only (sign-in, registration) are sent by a
// browser holding just the XSRF cookie; all others by the approved developer's web session
// (XSRF header on unsafe methods); `RULES` names the exceptions, and what else a case needs.
// Each case gets its own fresh caller, so a replayed logout or revoke cannot disturb another case.
// For the demo producer's session (operations only a resource's managers may call), synthetic
// track, album, artist and credit ids become the producer's own, also inside typed references
// (`track:900000001`).
import { sql } from 'drizzle-orm';
import { operationTable, type OperationId } from '../../generated/contract.js';
import { DEMO_PASSWORD, DEMO_RECOVERY_CODES, DEMO_TOTP_SECRET } from '../../server/seed/seed.js';
import { currentTotp } from '../../server/domains/auth/two-factor.js';
import { spec as defaultSpec, type JsonSchema } from '../fuzz/spec.js';
import { Agent } from '../support/http.js';
import type { TestServer } from '../support/server.js';
import type { CallInput, Scalar } from './contract-calls.js';
import {
  CaseFixtures,
  editorOfPlaylist,
  followingArtist,
  followingUser,
  invitedByPeer,
  licenseHeld,
  likeablesOfTheirKind,
  newAccount,
  paidCheckout,
  playLogged,
  stripeSigned,
  trackForSale,
  unpaidCheckout,
  tracksInPlaylist,
  wavUpload,
  withArtistProfile,
  type CallerKind,
  type LiveCaller,
  type OwnedKind,
  type Prepare,
} from './replay-fixtures.js';

export type { CallerKind, LiveCaller };

export interface CaseRule {
  caller?: CallerKind;
  /** Kinds whose synthetic ids stand for rows the caller owns, made for the case through the API. */
  own?: readonly OwnedKind[];
  /** Id fields whose name does not say their kind (`ids` → `track`). */
  idFields?: Record<string, string>;
  /** State the example presumes beyond owned rows; runs once the ids are mapped. */
  prepare?: Prepare;
  /** Body fields sent as the example writes them, where the generic swap would be wrong (`code` of a coupon). */
  literal?: readonly string[];
}

const producer: CaseRule = { caller: 'producerSession' };
const newOwner = (...own: OwnedKind[]): CaseRule => ({ caller: 'newAccount', own });
const playlistTracks: CaseRule = { ...newOwner('playlist'), idFields: { ids: 'track' } };

/** What the generic rules above cannot guess, by operation. */
export const RULES: Partial<Record<OperationId, CaseRule>> = {
  completeTwoFactorChallenge: { caller: 'pendingTwoFactor' },
  // For managers of seeded rows: the demo producer.
  createArtistCredit: producer,
  createArtistAlbumCredits: producer,
  updateArtistCredit: producer,
  deleteArtistCredit: producer,
  getTrackProducerAnalytics: producer,
  getAlbumProducerAnalytics: producer,
  getArtistProducerAnalytics: producer,
  getArtistDownloadsAnalytics: producer,
  getArtistActivity: producer,
  getInsightsReport: producer,
  // Changes to rows the caller must own: a new account that makes them, so no case alters the
  // seed another case relies on.
  createAlbum: { caller: 'newAccount', prepare: withArtistProfile },
  uploadTrackAudio: { caller: 'newAccount', prepare: wavUpload },
  createTrack: newOwner('file_entry'),
  extractTrackMetadata: newOwner('file_entry'),
  downloadTrack: newOwner('track'),
  updateTrack: newOwner('track'),
  deleteTracks: newOwner('track'),
  updateAlbum: newOwner('album'),
  deleteAlbums: newOwner('album'),
  updateArtist: newOwner('artist'),
  deleteArtists: newOwner('artist'),
  pinArtistTrack: newOwner('artist', 'track'),
  unpinArtistTrack: newOwner('artist', 'track'),
  // The example swaps the artist's only two credits.
  reorderArtistCredits: { ...newOwner('artist', 'credit'), idFields: { ids: 'credit' } },
  updateLyric: newOwner('lyric'),
  deleteLyrics: newOwner('lyric'),
  updatePlaylist: newOwner('playlist'),
  deletePlaylists: newOwner('playlist'),
  invitePlaylistEditor: newOwner('playlist'),
  removePlaylistEditor: { ...newOwner('playlist'), prepare: editorOfPlaylist },
  addPlaylistTracks: playlistTracks,
  removePlaylistTracks: { ...playlistTracks, prepare: tracksInPlaylist },
  reorderPlaylistTracks: { ...playlistTracks, prepare: tracksInPlaylist },
  declinePlaylistInvite: { caller: 'newAccount', prepare: invitedByPeer },
  // A new account follows nothing yet; the developer already follows the first seeded playlist.
  followPlaylist: { caller: 'newAccount' },
  updateTrackPlayDuration: { prepare: playLogged },
  // Commerce: a new account buys the demo producer's track offered both ways; the sandbox acts
  // on the payment intent of its own checkout; the webhook's example arrives signed.
  calculateTrackPurchasePrice: { caller: 'newAccount', prepare: trackForSale },
  initiateTrackPurchase: { caller: 'newAccount', prepare: trackForSale },
  confirmSandboxPaymentIntent: { caller: 'newAccount', prepare: unpaidCheckout },
  refundSandboxPaymentIntent: { caller: 'newAccount', prepare: paidCheckout },
  receiveStripeWebhook: { prepare: stripeSigned, idFields: { buyer_id: 'user' } },
  getLicenseCertificate: { caller: 'newAccount', prepare: licenseHeld },
  downloadLicensePdf: { caller: 'newAccount', prepare: licenseHeld },
  getLicenseVerification: { prepare: licenseHeld },
  getExclusiveLicensePreset: newOwner('preset'),
  updateExclusiveLicensePreset: newOwner('preset'),
  deleteExclusiveLicensePreset: newOwner('preset'),
  setDefaultExclusiveLicensePreset: newOwner('preset'),
  getArtistExclusiveLicenseDefault: { caller: 'newAccount', prepare: withArtistProfile },
  setArtistExclusiveLicenseDefault: { caller: 'newAccount', prepare: withArtistProfile },
  validateBillingCoupon: { literal: ['code'] },
  validateCoupon: { literal: ['code'] },
  getStripeConnectStatus: producer,
  startStripeConnectOnboarding: producer,
  getStripeConnectFinances: producer,
  getArtistFinanceSummary: producer,
  // Follows: the second example user is a new account nobody follows; a new account follows no
  // artist yet (seeded accounts may), and unfollows need the follow first.
  unfollowUser: { prepare: followingUser },
  followArtist: { caller: 'newAccount' },
  unfollowArtist: { caller: 'newAccount', prepare: followingArtist },
  getArtistFollowStatus: { caller: 'newAccount' },
  // A new account, so that the example's username is free and no seeded account changes.
  updateUserProfile: { caller: 'newAccount' },
  listArtistFinanceTransactions: producer,
  getArtistProviderBalance: producer,
  // Collections are private to their owner (featured ones aside): the caller's own.
  getCollection: newOwner('collection'),
  updateCollection: newOwner('collection'),
  deleteCollection: newOwner('collection'),
  playCollection: newOwner('collection'),
  // Reposts and the library: a new account has none, and owns none of the seeded tracks.
  toggleRepost: { caller: 'newAccount', idFields: { repostable_id: 'track' } },
  addToLibrary: { caller: 'newAccount', idFields: { likeable_id: 'track' }, prepare: likeablesOfTheirKind },
  removeFromLibrary: { caller: 'newAccount', idFields: { likeable_id: 'track' }, prepare: likeablesOfTheirKind },
  // The radio's `{id}` names no kind; the example seeds an artist station.
  getRadioStation: { idFields: { id: 'artist' } },
};

/**
 * Replay cases (`<operationId> <example key>`) that cannot be replayed, each with the reason.
 * They are skipped and listed in the run; their response examples are still checked against
 * the server's validator. Shrink this list, never grow it silently: a new operation's examples
 * should replay (name them after seeded data, or give RULES a rule).
 */
export const REPLAY_PENDING = new Map<string, string>([]);

/** The producer's own rows by kind, `rank`-th in id order. */
const PRODUCER_OWNS: Record<string, (userId: number, rank: number) => ReturnType<typeof sql>> = {
  track: (userId, rank) => sql`select id::int as id from tracks where owner_id = ${userId} order by id offset ${rank} limit 1`,
  album: (userId, rank) => sql`select id::int as id from albums where owner_id = ${userId} order by id offset ${rank} limit 1`,
  artist: (userId, rank) => sql`select id::int as id from artists where user_id = ${userId} order by id offset ${rank} limit 1`,
  credit: (userId, rank) =>
    sql`select c.id::int as id from artist_credits c join artists a on a.id = c.artist_id where a.user_id = ${userId} order by c.id offset ${rank} limit 1`,
};
/** A typed reference to a row, such as `track:900000001`. */
const TYPED_REFERENCE = /^([a-z_]+):(\d+)$/;

const SYNTHETIC_ID_FLOOR = 900_000_000;

interface ExampleObject {
  value?: unknown;
}
interface MediaType {
  schema?: JsonSchema;
  examples?: Record<string, ExampleObject>;
  example?: unknown;
}
interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  examples?: Record<string, ExampleObject>;
  schema?: JsonSchema;
}
interface OperationObject {
  operationId: string;
  parameters?: ParameterObject[];
  requestBody?: { content?: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
type SpecLike = { paths: Record<string, Record<string, unknown>> };

export interface ResponseExample {
  status: number;
  key: string;
  value: unknown;
}

export interface ReplayCase {
  operationId: OperationId;
  /** The request example's key, or `(parameters)` for an operation without a request body. */
  key: string;
  caller: CallerKind;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  expectedStatus: number;
  /** The paired response example, when the expected status documents one. */
  response: ResponseExample | null;
}

export function operationObject(operationId: OperationId, spec: SpecLike = defaultSpec as SpecLike): OperationObject {
  const info = operationTable[operationId];
  return spec.paths[info.path]![info.method.toLowerCase()] as OperationObject;
}

function parameterExample(p: ParameterObject): unknown {
  if (p.example !== undefined) return p.example;
  const first = Object.values(p.examples ?? {})[0];
  if (first?.value !== undefined) return first.value;
  return (p.schema?.examples as unknown[] | undefined)?.[0];
}

/** Every response example of an operation, in declaration order. */
export function responseExamples(op: OperationObject): ResponseExample[] {
  const out: ResponseExample[] = [];
  for (const [code, response] of Object.entries(op.responses)) {
    const media = response.content?.['application/json'];
    for (const [key, example] of Object.entries(media?.examples ?? {})) out.push({ status: Number(code), key, value: example.value });
    if (media && media.example !== undefined) out.push({ status: Number(code), key: 'example', value: media.example });
  }
  return out;
}

export function defaultCaller(operationId: OperationId): CallerKind {
  return RULES[operationId]?.caller ?? (operationTable[operationId].schemes.length === 0 ? 'browser' : 'developerSession');
}

/** The replay cases of every operation in the operation table. */
export function replayCases(spec: SpecLike = defaultSpec as SpecLike): ReplayCase[] {
  const cases: ReplayCase[] = [];
  for (const operationId of Object.keys(operationTable).sort() as OperationId[]) {
    const op = operationObject(operationId, spec);
    const parameters = op.parameters ?? [];
    const path: Record<string, unknown> = {};
    const query: Record<string, unknown> = {};
    for (const p of parameters) {
      const value = parameterExample(p);
      if (value === undefined) continue;
      if (p.in === 'path') path[p.name] = value;
      else if (p.in === 'query') query[p.name] = value;
    }
    const examples = responseExamples(op);
    const lowestSuccess = Math.min(
      ...Object.keys(op.responses)
        .map(Number)
        .filter((s) => s >= 200 && s < 300),
    );
    const pair = (key: string): Pick<ReplayCase, 'expectedStatus' | 'response'> => {
      const sameKey = examples.find((e) => e.key === key);
      if (sameKey) return { expectedStatus: sameKey.status, response: sameKey };
      return { expectedStatus: lowestSuccess, response: examples.find((e) => e.status === lowestSuccess) ?? null };
    };
    const requestExamples = op.requestBody?.content?.['application/json']?.examples;
    const base = { operationId, caller: defaultCaller(operationId), path, query };
    if (requestExamples && Object.keys(requestExamples).length > 0) {
      for (const [key, example] of Object.entries(requestExamples)) cases.push({ ...base, key, body: example.value, ...pair(key) });
    } else {
      cases.push({ ...base, key: '(parameters)', body: undefined, ...pair('(parameters)') });
    }
  }
  return cases;
}

export const isPending = (c: ReplayCase) => REPLAY_PENDING.has(`${c.operationId} ${c.key}`);

/** The operation's first replay case that replays, else its first one (a request that should succeed). */
export function requestCase(operationId: OperationId, cases: readonly ReplayCase[] = replayCases()): ReplayCase {
  const own = cases.filter((c) => c.operationId === operationId);
  return own.find((c) => !isPending(c)) ?? own[0]!;
}

// ---------------------------------------------------------------------------------------
// Callers and the mapping from example values to seeded ones

export async function newCaller(baseUrl: string, kind: CallerKind): Promise<LiveCaller> {
  if (kind === 'newAccount') return newAccount(baseUrl);
  const agent = new Agent(baseUrl);
  if (kind === 'browser') {
    await agent.csrf();
    return { kind, agent, userId: null, tokenId: null };
  }
  const email = kind === 'pendingTwoFactor' ? 'twofactor@beatpass.test' : kind === 'producerSession' ? 'producer@beatpass.test' : 'developer@beatpass.test';
  const login = await agent.login(email, DEMO_PASSWORD);
  if (login.status !== 200) throw new Error(`replay setup: sign-in as ${email} answered ${login.status}`);
  if (kind === 'pendingTwoFactor') return { kind, agent, userId: null, tokenId: null };
  const userId = (login.body as { user: { id: number } }).user.id;
  // The producer is no approved developer: no token.
  if (kind === 'producerSession') return { kind, agent, userId, tokenId: null };
  let token = await agent.request('POST', '/api/v1/developer-tokens', { json: { name: 'replay token' } });
  if (token.status === 422) {
    // An account holds at most 100 live tokens: the ones earlier cases made (they have ended) go.
    const listed = await agent.request<{ tokens: { id: number; name: string }[] }>('GET', '/api/v1/developer-tokens');
    for (const old of listed.body.tokens.filter((t) => t.name === 'replay token')) await agent.request('DELETE', `/api/v1/developer-tokens/${old.id}`);
    token = await agent.request('POST', '/api/v1/developer-tokens', { json: { name: 'replay token' } });
  }
  if (token.status !== 201) throw new Error(`replay setup: creating a token answered ${token.status}`);
  return { kind, agent, userId, tokenId: (token.body as { token: { id: number } }).token.id };
}

/** A synthetic id's rank: 900000001 stands for the first row of its kind, 900000002 for the second. */
function syntheticRank(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > SYNTHETIC_ID_FLOOR ? value - SYNTHETIC_ID_FLOOR - 1 : null;
}

export class SeedMapper {
  private recoveryCodes = [...DEMO_RECOVERY_CODES];
  private readonly ids = new Map<string, number>();

  /** With `mapIds: false`, synthetic ids are sent as they are and no fixtures are made (enough to pass request validation). */
  constructor(
    private readonly server: TestServer,
    private readonly options: { mapIds?: boolean } = {},
  ) {}

  /** The `rank`-th smallest id of the `<kind>s` table. */
  private async seededId(kind: string, rank: number): Promise<number> {
    const key = `${kind} ${rank}`;
    const cached = this.ids.get(key);
    if (cached !== undefined) return cached;
    if (!/^[a-z_]+$/.test(kind)) throw new Error(`replay: cannot map a synthetic id of kind "${kind}"; name it in the operation's idFields`);
    let id: number | undefined;
    try {
      const [row] = await this.server.rows<{ id: number }>(sql.raw(`select id::int as id from "${kind}s" order by id offset ${rank} limit 1`));
      id = row?.id;
    } catch {
      id = undefined;
    }
    if (id === undefined) throw new Error(`replay: no seeded row ${rank + 1} of ${kind} (looked in table "${kind}s"); add a rule to RULES`);
    this.ids.set(key, id);
    return id;
  }

  private async id(kind: string, rank: number, rule: CaseRule, fixtures: CaseFixtures): Promise<number> {
    const { caller } = fixtures;
    if (kind === 'token' && caller.tokenId !== null) return caller.tokenId;
    if (kind === 'user' && caller.userId !== null) return rank === 0 ? caller.userId : (await fixtures.peer(rank)).userId!;
    const producerOwns = caller.kind === 'producerSession' ? PRODUCER_OWNS[kind] : undefined;
    if (producerOwns) {
      const [row] = await this.server.rows<{ id: number }>(producerOwns(caller.userId!, rank));
      if (!row) throw new Error(`replay: the producer owns no ${kind} ${rank + 1}`);
      return row.id;
    }
    if (rule.own?.includes(kind as OwnedKind)) return fixtures.own(kind as OwnedKind, rank);
    return this.seededId(kind, rank);
  }

  private async value(name: string, value: unknown, rule: CaseRule, fixtures: CaseFixtures): Promise<unknown> {
    const idField = this.options.mapIds !== false && /(^|_)ids?$/.test(name);
    const kind = rule.idFields?.[name] ?? name.replace(/_ids?$/, '');
    const rank = syntheticRank(value);
    if (idField && rank !== null) return this.id(kind, rank, rule, fixtures);
    // One id or a comma-separated list of them in a path (bulk deletes).
    if (idField && typeof value === 'string' && /^\d+(,\d+)*$/.test(value)) {
      const ranks = value.split(',').map((part) => syntheticRank(Number(part)));
      if (ranks.every((r) => r !== null)) {
        const ids: number[] = [];
        for (const r of ranks) ids.push(await this.id(kind, r!, rule, fixtures));
        return ids.join(',');
      }
    }
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const item of value) out.push(await this.value(name, item, rule, fixtures));
      return out;
    }
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) out[key] = await this.value(key, inner, rule, fixtures);
      return out;
    }
    if (typeof value !== 'string') return value;
    const reference = TYPED_REFERENCE.exec(value);
    const referenceRank = reference ? syntheticRank(Number(reference[2])) : null;
    if (this.options.mapIds !== false && reference && referenceRank !== null) {
      return `${reference[1]}:${await this.id(reference[1]!, referenceRank, rule, fixtures)}`;
    }
    if (name === 'password' || name === 'password_confirmation') return DEMO_PASSWORD;
    if (name === 'code' && !rule.literal?.includes(name)) return currentTotp(DEMO_TOTP_SECRET);
    if (name === 'recovery_code') {
      const code = this.recoveryCodes.shift();
      if (!code) throw new Error('replay: out of demo recovery codes');
      return code;
    }
    return value;
  }

  /** The request of one case, with synthetic values swapped for seeded ones and the case's fixtures made. */
  async request(c: ReplayCase, caller: LiveCaller): Promise<CallInput> {
    const rule = this.options.mapIds === false ? {} : (RULES[c.operationId] ?? {});
    const fixtures = new CaseFixtures(
      this.server.baseUrl,
      caller,
      (kind, rank) => this.seededId(kind, rank),
      (query) => this.server.rows(query),
    );
    const path: Record<string, Scalar> = {};
    for (const [name, value] of Object.entries(c.path)) path[name] = (await this.value(name, value, rule, fixtures)) as Scalar;
    const query: Record<string, Scalar> = {};
    for (const [name, value] of Object.entries(c.query)) query[name] = (await this.value(name, value, rule, fixtures)) as Scalar;
    const request: CallInput = { path, query, ...(c.body === undefined ? {} : { body: await this.value('', c.body, rule, fixtures) }) };
    return rule.prepare ? rule.prepare(fixtures, request) : request;
  }
}
