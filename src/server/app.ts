import Fastify from 'fastify'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import { createContext } from './context'
import type { AppContext } from './context'
import type { DatabaseHandle } from './db/connection'
import { requireDevice } from './http/auth'
import { answerFrameworkError, HttpError, installErrorHandling } from './http/errors'
import { registerSecurity } from './http/security'
import { registerStatic } from './http/static'
import { adminRoutes } from './routes/admin'
import { blobRoutes } from './routes/blobs'
import { enrolRoutes } from './routes/enrol'
import type { RateLimit } from './routes/enrol'
import { healthRoutes } from './routes/health'
import { sessionRoutes } from './routes/session'
import { syncRoutes } from './routes/sync'
import { villagerRoutes } from './routes/villager'
import type { VillagerLimits } from './villager/limits'

export interface BuildAppOptions {
  /** An open, migrated database. The caller closes it after `app.close()`. */
  database: DatabaseHandle
  /** The built PWA (`dist/`); null serves the API only. */
  distDir: string | null
  /** Fastify's logger option; off by default (tests). */
  logger?: FastifyServerOptions['logger']
  /** Origin used in enrol links and QR codes; else taken from each request. */
  publicOrigin?: string | null
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimit?: number
  /** Requests per IP to unauthenticated routes (enrol) per time window. */
  rateLimit?: RateLimit
  /** The server clock; tests swap it instead of sleeping. */
  clock?: () => Date
  /** Which X-Forwarded-* hops to trust (for client addresses in rate limiting): see `ServerConfig.trustProxy`. */
  trustProxy?: false | number | string
  /** The key enrolment codes are hashed with (`loadCodeKey`); a random one when left out (tests). */
  codeKey?: Buffer
  /** Wrong enrolment codes per hour over all clients before enrolment waits (default 100). */
  enrolFailuresPerHour?: number
  /** Limits of the villagers' public routes (`/api/v/…`); the defaults are in README. */
  villagerLimits?: VillagerLimits
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The database, repositories and clock the routes share. */
    ctx: AppContext
  }
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024

/**
 * Fastify's `trustProxy` for the configured hops: a count trusts the socket's peer and the
 * proxies before it up to that many, so the client is the entry that many from the right of
 * `X-Forwarded-For` (proxies append what they saw; the left-most entries are the client's to write).
 */
function trustedHops(trust: false | number | string): FastifyServerOptions['trustProxy'] {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust
}

/**
 * Build the server: the API under `/api` and the PWA from `distDir`. Routes may still be added
 * before `ready()`; tests use `app.inject`.
 *
 * @example
 * const app = await buildApp({ database, distDir: 'dist' })
 * const res = await app.inject({ method: 'GET', url: '/api/health' })
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    trustProxy: trustedHops(options.trustProxy ?? false),
    frameworkErrors: answerFrameworkError,
    // Long-polling clients on 2G may be slow to send; do not hold sockets forever either.
    requestTimeout: 60_000,
  })
  const ctx = createContext(options.database, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.codeKey ? { codeKey: options.codeKey } : {}),
  })
  app.decorate('ctx', ctx)
  app.decorateRequest('auth', null)
  installErrorHandling(app)
  await registerSecurity(app)
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, 'rate_limited', `too many requests, retry in ${Math.ceil(context.ttl / 1000)} s`),
  })
  await app.register(healthRoutes, { ctx })
  await app.register(enrolRoutes, {
    ctx,
    rateLimit: options.rateLimit ?? { max: 20, timeWindow: 60_000 },
    ...(options.enrolFailuresPerHour ? { failuresPerHour: options.enrolFailuresPerHour } : {}),
  })
  // Villagers have no account: these routes act as a villager of the village in their URL.
  await app.register(villagerRoutes, { ctx, ...(options.villagerLimits ? { limits: options.villagerLimits } : {}) })
  await app.register(async (scope) => {
    requireDevice(scope, ctx)
    await scope.register(sessionRoutes, { ctx })
    await scope.register(adminRoutes, { ctx, publicOrigin: options.publicOrigin ?? null })
    await scope.register(syncRoutes, { ctx })
    await scope.register(blobRoutes, { ctx })
  })
  await registerStatic(app, options.distDir)
  return app
}
