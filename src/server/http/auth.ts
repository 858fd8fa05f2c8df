import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../context'
import type { Authenticated } from '../identity/authenticate'
import { authenticateToken, bearerToken, forgetToken } from '../identity/authenticate'
import type { MemberActor } from '../identity/session'
import { HttpError } from './errors'

declare module 'fastify' {
  interface FastifyRequest {
    /** The device, member and actor behind the request's token; set inside authenticated scopes. */
    auth: Authenticated | null
  }
  interface FastifyContextConfig {
    /**
     * The route checks the device and member again in its own read before it answers (the pull
     * does), so a recent authentication of the same token may be reused.
     */
    cachedAuth?: boolean
  }
}

/** 401 with the failure's code, or the authentication. */
async function authenticate(ctx: AppContext, token: string, cached: boolean): Promise<Authenticated> {
  const result = await authenticateToken(ctx, token, { cached })
  if (!result.ok) {
    const message = result.code === 'device_revoked' ? 'this device was revoked' : 'unknown device token'
    throw new HttpError(401, result.code, message)
  }
  return result.auth
}

/**
 * Require `Authorization: Bearer <token>` on every route registered in `app` (an encapsulated
 * scope): unknown token → 401 `unauthenticated`, revoked device or removed member → 401 `device_revoked`.
 */
export function requireDevice(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request.headers.authorization)
    if (!token) throw new HttpError(401, 'unauthenticated', 'send the device token as a Bearer token')
    request.auth = await authenticate(ctx, token, request.routeOptions.config.cachedAuth === true)
  })
}

/**
 * Authenticate the request's token again from the database, dropping any cached answer: for a
 * `cachedAuth` route that found the device or member changed since.
 */
export async function authenticateAgain(ctx: AppContext, request: FastifyRequest): Promise<Authenticated> {
  const token = bearerToken(request.headers.authorization)
  if (!token) throw new HttpError(401, 'unauthenticated', 'send the device token as a Bearer token')
  forgetToken(ctx, token)
  request.auth = await authenticate(ctx, token, false)
  return request.auth
}

/** The authenticated caller; only call inside a `requireDevice` scope. */
export function authOf(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new HttpError(401, 'unauthenticated')
  return request.auth
}

/** The caller's actor if its role is one of `roles`, else 403 `forbidden`. */
export function requireRole<R extends MemberActor['role']>(
  request: FastifyRequest,
  ...roles: R[]
): MemberActor & { role: R } {
  const { actor } = authOf(request)
  if (!(roles as string[]).includes(actor.role)) {
    throw new HttpError(403, 'forbidden', `only ${roles.join(', ')} may do this`)
  }
  // The role check above narrows the union; TypeScript cannot follow it through `includes`.
  return actor as MemberActor & { role: R }
}
