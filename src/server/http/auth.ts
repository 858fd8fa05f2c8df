import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../context'
import type { Authenticated } from '../identity/authenticate'
import { authenticateToken, bearerToken } from '../identity/authenticate'
import type { MemberActor } from '../identity/session'
import { HttpError } from './errors'

declare module 'fastify' {
  interface FastifyRequest {
    /** The device, member and actor behind the request's token; set inside authenticated scopes. */
    auth: Authenticated | null
  }
}

/**
 * Require `Authorization: Bearer <token>` on every route registered in `app` (an encapsulated
 * scope): unknown token → 401 `unauthenticated`, revoked device or removed member → 401 `device_revoked`.
 */
export function requireDevice(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request.headers.authorization)
    if (!token) throw new HttpError(401, 'unauthenticated', 'send the device token as a Bearer token')
    const result = await authenticateToken(ctx, token)
    if (!result.ok) {
      const message = result.code === 'device_revoked' ? 'this device was revoked' : 'unknown device token'
      throw new HttpError(401, result.code, message)
    }
    request.auth = result.auth
  })
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
