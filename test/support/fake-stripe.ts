// A small stand-in for the parts of Stripe's API the Stripe provider calls (node:http):
// payment intents, refunds, Express accounts, account links and a connected account's
// balance. It behaves as Stripe does where the provider depends on it: a Bearer secret key
// (401 otherwise), form-encoded bodies in Stripe's bracket notation, `Idempotency-Key`
// replays (and the idempotency_error for a key reused with other parameters), `Stripe-Account`
// for requests made on a connected account's behalf, destination charges only to accounts
// whose transfers capability is active, a restricted key without the balance permission,
// and errors as `{error: {type, code, message, param}}`.
// `failNext` makes it fail the way Stripe can: a 429, a 500 or a dropped connection.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_STRIPE_SECRET_KEY = 'sk_test_51BeatPassFakeKey0000000000000000';
/** A restricted key without the balance permission: Stripe's 403 for it quotes part of the key. */
export const FAKE_STRIPE_RESTRICTED_KEY = 'rk_test_51BeatPassRestricted00000000000000';

export type FakeStripeFailure = 'rate-limited' | 'server-error' | 'drop';

/** Parsed form parameters: bracketed keys become nested objects, as Stripe reads them. */
export interface FormParams {
  [key: string]: string | FormParams;
}

export interface RecordedStripeRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  idempotencyKey: string | undefined;
  stripeAccount: string | undefined;
  stripeVersion: string | undefined;
  body: string;
  params: FormParams;
}

type Json = Record<string, unknown>;

interface FakeAccount extends Json {
  id: string;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  capabilities: Record<string, string>;
  requirements: Json & { currently_due: string[] };
}

interface FakeIntent extends Json {
  id: string;
  amount: number;
  currency: string;
  status: string;
  latest_charge: string | null;
}

const INITIAL_REQUIREMENTS = ['business_type', 'external_account', 'tos_acceptance.date', 'tos_acceptance.ip'];

const randomPart = (length: number) =>
  randomBytes(length * 2)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, length);
const id = (prefix: string, length = 24) => `${prefix}_${randomPart(length)}`;
const now = () => Math.floor(Date.now() / 1000);

/** `a[b][c]=v` → `{a: {b: {c: 'v'}}}`; Stripe's SDKs encode nested parameters this way. */
export function parseForm(body: string): FormParams {
  const params: FormParams = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split(/\[|\]\[|\]$/).filter((part, index) => index === 0 || part !== '');
    let node = params;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      if (typeof next === 'object') {
        node = next;
      } else {
        const child: FormParams = {};
        node[part] = child;
        node = child;
      }
    }
    node[path.at(-1)!] = value;
  }
  return params;
}

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

const missing = (param: string) => new StripeApiError(400, 'invalid_request_error', `Missing required param: ${param}.`, 'parameter_missing', param);
const invalid = (param: string, message: string) => new StripeApiError(400, 'invalid_request_error', message, 'parameter_invalid_string', param);
const noSuch = (kind: string, value: string, param?: string) =>
  new StripeApiError(404, 'invalid_request_error', `No such ${kind}: '${value}'`, 'resource_missing', param);

const text = (params: FormParams, name: string): string | undefined => {
  const value = params[name];
  return typeof value === 'string' ? value : undefined;
};
const required = (params: FormParams, name: string): string => text(params, name) ?? throwError(missing(name));
const nested = (params: FormParams, name: string): FormParams => {
  const value = params[name];
  return typeof value === 'object' ? value : {};
};
const integer = (params: FormParams, name: string): number => {
  const raw = required(params, name);
  if (!/^\d+$/.test(raw)) throw new StripeApiError(400, 'invalid_request_error', `Invalid integer: ${raw}`, 'parameter_invalid_integer', name);
  return Number(raw);
};
function throwError(error: Error): never {
  throw error;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

interface Reply {
  status: number;
  body: unknown;
}

function send(res: ServerResponse, reply: Reply, headers: Record<string, string> = {}) {
  res.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': id('req', 14), ...headers });
  res.end(JSON.stringify(reply.body));
}

const errorReply = (error: StripeApiError): Reply => ({
  status: error.status,
  body: { error: { type: error.type, ...(error.code ? { code: error.code } : {}), message: error.message, ...(error.param ? { param: error.param } : {}) } },
});

export interface FakeStripe {
  url: string;
  readonly requests: RecordedStripeRequest[];
  readonly accounts: Map<string, FakeAccount>;
  readonly paymentIntents: Map<string, FakeIntent>;
  readonly refunds: Json[];
  /** The next `times` requests fail this way, before Stripe would look at them. */
  failNext(failure: FakeStripeFailure, times?: number): void;
  /** What Stripe does once the artist finishes onboarding: charges, payouts and transfers on. */
  completeOnboarding(accountId: string): void;
  /** The buyer's card is charged, as after a successful confirmation in Stripe.js. */
  succeedPaymentIntent(paymentIntentId: string): void;
  setBalance(accountId: string, balance: { available: { amount: number; currency: string }[]; pending: { amount: number; currency: string }[] }): void;
  close(): Promise<void>;
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const failures: FakeStripeFailure[] = [];
  const balances = new Map<string, { available: { amount: number; currency: string }[]; pending: { amount: number; currency: string }[] }>();
  const idempotent = new Map<string, { fingerprint: string; reply: Reply }>();

  const fake: FakeStripe = {
    url: '',
    requests: [],
    accounts: new Map(),
    paymentIntents: new Map(),
    refunds: [],
    failNext: (failure, times = 1) => {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    completeOnboarding: (accountId) => {
      const account = fake.accounts.get(accountId);
      if (!account) throw new Error(`No fake account ${accountId}`);
      Object.assign(account, {
        details_submitted: true,
        charges_enabled: true,
        payouts_enabled: true,
        capabilities: { card_payments: 'active', transfers: 'active' },
        requirements: { ...account.requirements, currently_due: [], eventually_due: [], past_due: [], disabled_reason: null },
      });
    },
    succeedPaymentIntent: (paymentIntentId) => {
      const intent = fake.paymentIntents.get(paymentIntentId);
      if (!intent) throw new Error(`No fake payment intent ${paymentIntentId}`);
      Object.assign(intent, { status: 'succeeded', amount_received: intent.amount, latest_charge: id('ch') });
    },
    setBalance: (accountId, balance) => balances.set(accountId, balance),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function createPaymentIntent(params: FormParams): Reply {
    const amount = integer(params, 'amount');
    const currency = required(params, 'currency');
    if (!/^[a-z]{3}$/.test(currency))
      throw invalid('currency', `Invalid currency: ${currency}. Stripe currently supports these currencies: usd, cad, eur, gbp, ...`);
    if (amount < 50) {
      throw new StripeApiError(400, 'invalid_request_error', 'Amount must be at least $0.50 cad', 'amount_too_small', 'amount');
    }
    const destination = text(nested(params, 'transfer_data'), 'destination');
    const account = destination === undefined ? undefined : fake.accounts.get(destination);
    if (destination !== undefined && !account) throw noSuch('destination', destination, 'transfer_data[destination]');
    if (account && account.capabilities.transfers !== 'active') {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
        'insufficient_capabilities_for_transfer',
        'transfer_data[destination]',
      );
    }
    const fee = text(params, 'application_fee_amount') === undefined ? null : integer(params, 'application_fee_amount');
    if (fee !== null && fee > amount) {
      throw invalid('application_fee_amount', 'The application fee amount cannot be greater than the amount of the payment.');
    }
    const intentId = id('pi');
    const intent: FakeIntent = {
      id: intentId,
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      application_fee_amount: fee,
      automatic_payment_methods: nested(params, 'automatic_payment_methods').enabled === 'true' ? { allow_redirects: 'always', enabled: true } : null,
      capture_method: 'automatic_async',
      client_secret: `${intentId}_secret_${randomPart(25)}`,
      confirmation_method: 'automatic',
      created: now(),
      currency,
      description: null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: nested(params, 'metadata'),
      on_behalf_of: null,
      payment_method: null,
      payment_method_types: ['card'],
      status: 'requires_payment_method',
      transfer_data: destination ? { destination } : null,
    };
    fake.paymentIntents.set(intentId, intent);
    return { status: 200, body: intent };
  }

  function createRefund(params: FormParams): Reply {
    const intentId = required(params, 'payment_intent');
    const intent = fake.paymentIntents.get(intentId);
    if (!intent) throw noSuch('payment_intent', intentId, 'payment_intent');
    if (intent.status !== 'succeeded' || !intent.latest_charge) {
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `This PaymentIntent (${intentId}) does not have a successful charge to refund.`,
        'payment_intent_unexpected_state',
      );
    }
    if (fake.refunds.some((refund) => refund.payment_intent === intentId)) {
      throw new StripeApiError(400, 'invalid_request_error', `Charge ${intent.latest_charge} has already been refunded.`, 'charge_already_refunded');
    }
    const refund = {
      id: id('re'),
      object: 'refund',
      amount: intent.amount,
      charge: intent.latest_charge,
      created: now(),
      currency: intent.currency,
      metadata: nested(params, 'metadata'),
      payment_intent: intentId,
      reason: text(params, 'reason') ?? null,
      status: 'succeeded',
      transfer_reversal: params.reverse_transfer === 'true' ? id('trr') : null,
    };
    fake.refunds.push({ ...refund, refund_application_fee: params.refund_application_fee === 'true' });
    return { status: 200, body: refund };
  }

  function createAccount(params: FormParams): Reply {
    const type = required(params, 'type');
    if (!['express', 'standard', 'custom'].includes(type)) throw invalid('type', `Invalid type: must be one of custom, express, or standard`);
    const country = text(params, 'country') ?? 'US';
    if (!/^[A-Z]{2}$/.test(country))
      throw invalid('country', `Country '${country}' is unknown. Try using a 2-character alphanumeric country code instead, such as 'US', 'EG', or 'GB'.`);
    const requested = nested(params, 'capabilities');
    const account: FakeAccount = {
      id: `acct_1${randomPart(15)}`,
      object: 'account',
      business_type: null,
      capabilities: Object.fromEntries(Object.keys(requested).map((name) => [name, 'inactive'])),
      charges_enabled: false,
      controller: { is_controller: true, type: 'application' },
      country,
      created: now(),
      default_currency: country === 'CA' ? 'cad' : 'usd',
      details_submitted: false,
      email: text(params, 'email') ?? null,
      metadata: nested(params, 'metadata'),
      payouts_enabled: false,
      requirements: {
        current_deadline: null,
        currently_due: [...INITIAL_REQUIREMENTS],
        disabled_reason: 'requirements.past_due',
        errors: [],
        eventually_due: [...INITIAL_REQUIREMENTS],
        past_due: [...INITIAL_REQUIREMENTS],
        pending_verification: [],
      },
      type,
    };
    fake.accounts.set(account.id, account);
    return { status: 200, body: account };
  }

  function createAccountLink(params: FormParams): Reply {
    const accountId = required(params, 'account');
    const type = required(params, 'type');
    const refreshUrl = required(params, 'refresh_url');
    const returnUrl = required(params, 'return_url');
    if (!['account_onboarding', 'account_update'].includes(type)) throw invalid('type', `Invalid type: must be one of account_onboarding or account_update`);
    for (const [param, value] of [
      ['refresh_url', refreshUrl],
      ['return_url', returnUrl],
    ] as const) {
      if (!URL.canParse(value)) throw invalid(param, 'Not a valid URL');
    }
    if (!fake.accounts.has(accountId)) throw noSuch('account', accountId, 'account');
    const created = now();
    return {
      status: 200,
      body: { object: 'account_link', created, expires_at: created + 300, url: `https://connect.stripe.com/setup/e/${accountId}/${randomPart(12)}` },
    };
  }

  function balance(stripeAccount: string | undefined): Reply {
    const account = stripeAccount ? fake.accounts.get(stripeAccount) : undefined;
    if (stripeAccount && !account) {
      throw new StripeApiError(
        403,
        'invalid_request_error',
        `The provided key does not have access to account '${stripeAccount}' (or that account does not exist). Application access may have been revoked.`,
        'account_invalid',
      );
    }
    const currency = (account?.default_currency as string | undefined) ?? 'usd';
    const amounts = (stripeAccount && balances.get(stripeAccount)) || { available: [{ amount: 0, currency }], pending: [{ amount: 0, currency }] };
    const withSources = (entries: { amount: number; currency: string }[]) => entries.map((entry) => ({ ...entry, source_types: { card: entry.amount } }));
    return { status: 200, body: { object: 'balance', available: withSources(amounts.available), livemode: false, pending: withSources(amounts.pending) } };
  }

  function route(method: string, path: string, params: FormParams, stripeAccount: string | undefined): Reply {
    if (method === 'POST' && path === '/v1/payment_intents') return createPaymentIntent(params);
    const intentPath = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
    if (method === 'GET' && intentPath) {
      const intent = fake.paymentIntents.get(intentPath[1]!);
      if (!intent) throw noSuch('payment_intent', intentPath[1]!, 'intent');
      return { status: 200, body: intent };
    }
    if (method === 'POST' && path === '/v1/refunds') return createRefund(params);
    if (method === 'POST' && path === '/v1/accounts') return createAccount(params);
    const accountPath = /^\/v1\/accounts\/([^/]+)$/.exec(path);
    if (method === 'GET' && accountPath) {
      const account = fake.accounts.get(accountPath[1]!);
      if (!account) throw noSuch('account', accountPath[1]!);
      return { status: 200, body: account };
    }
    if (method === 'POST' && path === '/v1/account_links') return createAccountLink(params);
    if (method === 'GET' && path === '/v1/balance') return balance(stripeAccount);
    throw new StripeApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  const masked = (key: string) => `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`;

  function authenticate(authorization: string | undefined, method: string, path: string) {
    const key = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (key === undefined) {
      throw new StripeApiError(
        401,
        'invalid_request_error',
        'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.',
      );
    }
    if (key === FAKE_STRIPE_RESTRICTED_KEY && method === 'GET' && path === '/v1/balance') {
      throw new StripeApiError(
        403,
        'permission_error',
        `The provided key '${masked(key)}' does not have the required permissions for this endpoint. Having the 'rak_balance_read' permission would allow this request to continue.`,
      );
    }
    if (key !== FAKE_STRIPE_SECRET_KEY && key !== FAKE_STRIPE_RESTRICTED_KEY) {
      throw new StripeApiError(401, 'invalid_request_error', `Invalid API Key provided: ${masked(key)}`);
    }
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-stripe');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const params = method === 'GET' ? parseForm(url.search.slice(1)) : parseForm(body);
    const idempotencyKey = header('idempotency-key');
    const stripeAccount = header('stripe-account');
    fake.requests.push({
      method,
      path: url.pathname,
      authorization: header('authorization'),
      contentType: header('content-type'),
      idempotencyKey,
      stripeAccount,
      stripeVersion: header('stripe-version'),
      body,
      params,
    });

    const failure = failures.shift();
    if (failure === 'drop') return req.socket.destroy();
    if (failure === 'rate-limited') {
      return send(
        res,
        errorReply(
          new StripeApiError(
            429,
            'invalid_request_error',
            'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
            'rate_limit',
          ),
        ),
      );
    }
    if (failure === 'server-error') {
      return send(res, errorReply(new StripeApiError(500, 'api_error', 'An unknown error occurred')));
    }

    try {
      authenticate(header('authorization'), method, url.pathname);
      if (method === 'POST' && header('content-type') !== 'application/x-www-form-urlencoded') {
        throw new StripeApiError(400, 'invalid_request_error', 'Invalid request: request parameters should be form-encoded.');
      }
      // Stripe replays a keyed POST's first answer, and refuses the key with other parameters.
      const fingerprint = `${method} ${url.pathname} ${stripeAccount ?? ''} ${body}`;
      const earlier = idempotencyKey && method === 'POST' ? idempotent.get(idempotencyKey) : undefined;
      if (earlier) {
        if (earlier.fingerprint !== fingerprint) {
          throw new StripeApiError(
            400,
            'idempotency_error',
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          );
        }
        return send(res, earlier.reply, { 'idempotent-replayed': 'true' });
      }
      let reply: Reply;
      try {
        reply = route(method, url.pathname, params, stripeAccount);
      } catch (err) {
        if (!(err instanceof StripeApiError)) throw err;
        reply = errorReply(err);
      }
      // Requests refused before they took effect leave the key unused, as at Stripe.
      if (idempotencyKey && method === 'POST' && reply.status < 400) idempotent.set(idempotencyKey, { fingerprint, reply });
      return send(res, reply);
    } catch (err) {
      if (err instanceof StripeApiError) return send(res, errorReply(err));
      return send(res, { status: 500, body: { error: { type: 'api_error', message: (err as Error).message } } });
    }
  }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
