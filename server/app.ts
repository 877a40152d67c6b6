// The request path, top to bottom: security headers → logging → operation → parsing →
// caller → rate limit → CSRF → security → validation → handler → one error mapper.
// Operations of the spec run on Node's request listener; Express serves the rest.
import express, { type RequestHandler } from 'express';
import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db/connection.js';
import { handlersOf, type BodyPreconditions, type Handlers } from './contract/handlers.js';
import { createAlbumHandlers } from './domains/albums/handlers.js';
import { createAnalyticsHandlers } from './domains/analytics/handlers.js';
import { createArtistHandlers } from './domains/artists/handlers.js';
import { createTagHandlers } from './domains/tags/handlers.js';
import { createAuthHandlers } from './domains/auth/handlers.js';
import { createCallerLookup } from './domains/auth/callers.js';
import { createCreditHandlers } from './domains/credits/handlers.js';
import { createDeveloperTokenHandlers } from './domains/developer-tokens/handlers.js';
import { createGenreHandlers } from './domains/genres/handlers.js';
import { createLyricHandlers } from './domains/lyrics/handlers.js';
import { createPlaylistHandlers } from './domains/playlists/handlers.js';
import { createCollectionHandlers } from './domains/collections/handlers.js';
import { createUserHandlers } from './domains/users/handlers.js';
import { createFollowingHandlers } from './domains/following/handlers.js';
import { createPurchaseHandlers } from './domains/purchases/handlers.js';
import { createPaymentSandboxHandlers } from './domains/payment-sandbox/handlers.js';
import { createWebhookHandlers } from './domains/webhooks/handlers.js';
import { createLicenseHandlers } from './domains/licenses/handlers.js';
import { createLicensePresetHandlers } from './domains/license-presets/handlers.js';
import { createCouponHandlers } from './domains/coupons/handlers.js';
import { createPayoutHandlers } from './domains/payouts/handlers.js';
import { createSearchHandlers } from './domains/search/handlers.js';
import { createCommerce, type CommerceSettings } from './payments/commerce.js';
import { errorHandler, notFoundHandler } from './http/errors.js';
import { operationPipeline, targetPath } from './http/pipeline.js';
import { createRateLimiter, type RateLimitOverrides } from './http/rate-limit.js';
import { createOperationDispatcher } from './http/dispatcher.js';
import { createResponseValidatorForSpec } from './http/validator.js';
import { createApiFront } from './http/api-front.js';
import { requestSteps } from './http/request-steps.js';
import { docsRoutes } from './http/docs-page.js';
import { createTrackHandlers } from './domains/tracks/handlers.js';
import { createUploadRules } from './domains/tracks/upload-rules.js';
import type { Storage } from './storage/storage.js';
import type { SpotifyCatalog } from './integrations/spotify/catalog.js';
import { namingSandbox } from './http/sandbox-url.js';
import { createRepostHandlers } from './domains/reposts/handlers.js';
import { createLibraryHandlers } from './domains/library/handlers.js';
import { createDiscoveryHandlers } from './domains/discovery/handlers.js';
import { createLeaderboardHandlers } from './domains/leaderboards/handlers.js';

export interface AppOptions {
  db: Db;
  logger: Logger;
  validateResponses: boolean;
  secureCookies: boolean;
  rateLimits?: RateLimitOverrides;
  /** Shares rate-limit counters across instances (REDIS_URL); memory per instance without it. */
  redis?: Redis;
  /** Prefix of the rate-limit keys in Redis (tests use one per run). */
  rateLimitKeyPrefix?: string;
  /** Request validation is always on in the server; only the bench turns it off, to measure its cost. */
  validateRequests?: boolean;
  /** Where uploaded audio is kept. */
  storage: Storage;
  /** Largest accepted upload, in bytes (BeatPass: 256 MB). */
  uploadMaxBytes?: number;
  /** Most bytes one account's stored uploads may take in total (2 GiB by default). */
  uploadQuotaBytes?: number;
  /** Replaces handlers; tests use it to prove that response validation catches a broken one. */
  handlerOverrides?: Partial<Handlers>;
  /** The Spotify lookups of the credits routes; without it they answer 503 (not configured). */
  spotify?: SpotifyCatalog;
  /** Answers /ready: true when every backing service responds. */
  isReady?: () => Promise<boolean>;
  /** Browser origins allowed to call with credentials (CORS_ORIGINS); none when absent. */
  corsOrigins?: readonly string[];
  /**
   * Where clients reach this server (PUBLIC_URL): the base of the links the API builds
   * (pagination), and the sandbox's URL in the served spec and docs.
   */
  publicUrl: string;
  /** Payments: the provider (local unless Stripe is configured), fees, the webhook secret; local defaults when absent. */
  commerce?: CommerceSettings;
}

const generatedDir = fileURLToPath(new URL('../generated/', import.meta.url));
export { DOCS_PAGE as docsFile } from './http/docs-page.js';

export const DEFAULT_UPLOAD_MAX_BYTES = 256 * 1024 * 1024;

/** Every operation's handler, one domain per tag of the spec. */
export function createHandlers(
  db: Db,
  options: { secureCookies: boolean; storage: Storage; spotify?: SpotifyCatalog; uploadQuotaBytes?: number; commerce: CommerceSettings },
): Handlers {
  const { commerce } = options;
  return handlersOf({
    Authentication: createAuthHandlers(db, options),
    'Developer tokens': createDeveloperTokenHandlers(db),
    Users: createUserHandlers(db),
    Tracks: createTrackHandlers(db, options.storage, createUploadRules(db, options.uploadQuotaBytes)),
    Artists: createArtistHandlers(db),
    Credits: createCreditHandlers(db, options.spotify),
    Genres: createGenreHandlers(db),
    Playlists: createPlaylistHandlers(db),
    Lyrics: createLyricHandlers(db),
    Albums: createAlbumHandlers(db),
    Tags: createTagHandlers(db),
    Analytics: createAnalyticsHandlers(db),
    Purchases: createPurchaseHandlers(db, commerce),
    'Payment sandbox': createPaymentSandboxHandlers(db, commerce),
    Webhooks: createWebhookHandlers(db, commerce),
    Licenses: createLicenseHandlers(db, commerce),
    'License presets': createLicensePresetHandlers(db, commerce),
    Coupons: createCouponHandlers(db, commerce),
    Payouts: createPayoutHandlers(db, commerce),
    Search: createSearchHandlers(db),
    Discovery: createDiscoveryHandlers(db),
    Leaderboards: createLeaderboardHandlers(db),
    Following: createFollowingHandlers(db),
    Reposts: createRepostHandlers(db),
    Library: createLibraryHandlers(db),
    Collections: createCollectionHandlers(db),
  });
}

/** The API's part of the request path: what the standalone server and the Express middleware share. */
function createApiListener(options: AppOptions) {
  return createApiFront(createOperationPipeline(options), options);
}

/** The whole server as a request listener: `http.createServer(createApp(...))`. */
export function createApp(options: AppOptions): RequestListener {
  const api = createApiListener(options);
  const serveOther = createOtherRoutes(options);
  return (req, res) => {
    if (api.serve(req, res)) return;
    // Health, readiness, the spec, the docs and the 404 get the same headers and log lines.
    if (!api.prepare(req, res, targetPath(req.url) ?? '/')) serveOther(req, res);
  };
}

/**
 * The API as Express middleware, for a backend that composes it with its own:
 * `app.use(beatPassApi(options))`. Requests for the spec's paths are answered exactly as by the
 * standalone server; every other request goes on to `next()`. Mount it before any body parser
 * of the host app: the API reads (and limits) its bodies itself. Health, readiness, the spec
 * and the docs are the host's to serve (or the standalone server's).
 */
export function beatPassApi(options: AppOptions): RequestHandler {
  const api = createApiListener(options);
  return (req, res, next) => {
    if (!api.serve(req, res)) next();
  };
}

/** The domains' checks before a body is read; an overridden operation is answered by its override alone. */
function bodyPreconditions(options: AppOptions): BodyPreconditions {
  if (options.handlerOverrides?.uploadTrackAudio) return {};
  return { uploadTrackAudio: createUploadRules(options.db, options.uploadQuotaBytes).beforeBody };
}

/** The operation pipeline: every step from body parsing to the handler, for operations of the spec. */
function createOperationPipeline(options: AppOptions) {
  const { db } = options;
  return operationPipeline([
    ...requestSteps({
      publicUrl: options.publicUrl,
      callers: createCallerLookup(db),
      rateLimit: createRateLimiter(options.rateLimits, {
        store: options.redis ? { redis: options.redis, keyPrefix: options.rateLimitKeyPrefix } : undefined,
        logger: options.logger,
      }),
      validateRequests: options.validateRequests ?? true,
      uploads: { tempDir: options.storage.tempDir, maxBytes: options.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES },
      bodyPreconditions: bodyPreconditions(options),
    }),
    createOperationDispatcher(
      {
        ...createHandlers(db, { ...options, commerce: options.commerce ?? createCommerce(db, options.logger, options.publicUrl) }),
        ...options.handlerOverrides,
      },
      options.validateResponses ? createResponseValidatorForSpec() : undefined,
    ),
  ]);
}

/** Health, readiness, the spec, the docs, and the 404 for every path the spec does not have. */
function createOtherRoutes(options: AppOptions) {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const ready = await (options.isReady?.() ?? Promise.resolve(true)).catch(() => false);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });
  const specJson = namingSandbox(readFileSync(join(generatedDir, 'openapi.json'), 'utf8'), options.publicUrl);
  const specYaml = namingSandbox(readFileSync(join(generatedDir, 'openapi.yaml'), 'utf8'), options.publicUrl);
  app.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(specJson);
  });
  app.get('/openapi.yaml', (_req, res) => {
    res.type('application/yaml').send(specYaml);
  });
  app.use(docsRoutes((html) => namingSandbox(html, options.publicUrl)));
  // Browsers ask for /favicon.ico on every page (the docs included); a 404 there is an error in
  // the console and the request log. A 204 would silence it but leave the tab without an icon.
  // A small SVG served as image/svg+xml gives one in browsers that draw SVG icons (they go by
  // the Content-Type, not the name); any other keeps its default icon, as with a 204. Cached
  // for a day so a browser asks once.
  const favicon =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#4f46e5"/>' +
    '<path d="M12 9v14l11-7z" fill="#fff"/></svg>';
  app.get('/favicon.ico', (_req, res) => {
    res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(favicon);
  });
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
