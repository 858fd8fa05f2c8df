import { pullRequest, pushRequest, SCHEMA_VERSION } from '@shared/sync/protocol'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../context'
import { authenticateAgain, authOf } from '../http/auth'
import { HttpError, parseWith } from '../http/errors'
import { pullPage, StaleAuthError } from '../sync/pull'
import { encodePull } from '../sync/pullEncoding'
import { pushMutations } from '../sync/push'

/** A push holds up to 200 mutations of up to a few KB each. */
const PUSH_BODY_LIMIT = 4 * 1024 * 1024

/** The body's device and sync format must be the token's device and this server's format. */
function checkDevice(request: FastifyRequest, body: { deviceId: string; schemaVersion: number }) {
  const auth = authOf(request)
  if (body.deviceId !== auth.device.id) throw new HttpError(403, 'device_mismatch', 'deviceId is not this token’s device')
  if (body.schemaVersion !== SCHEMA_VERSION) {
    throw new HttpError(426, 'update_required', `this server speaks sync schema ${SCHEMA_VERSION}`)
  }
  return auth
}

const APP_VERSION = /^[0-9A-Za-z.+_-]{1,40}$/

/** Record the app version the phone sends as `?v=` (the admin's phone list shows it). */
async function noteAppVersion(ctx: AppContext, request: FastifyRequest): Promise<void> {
  const v = (request.query as Record<string, unknown> | undefined)?.v
  const { device } = authOf(request)
  if (typeof v !== 'string' || !APP_VERSION.test(v) || device.appVersion === v) return
  await ctx.devices.setAppVersion(device.id, v)
  device.appVersion = v
}

/** `POST /api/sync/push` and `POST /api/sync/pull` (DESIGN §5). */
export async function syncRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.post('/api/sync/push', { bodyLimit: PUSH_BODY_LIMIT }, async (request) => {
    const body = parseWith(pushRequest, request.body)
    const auth = checkDevice(request, body)
    await noteAppVersion(ctx, request)
    return pushMutations(ctx, auth, body.mutations, request.log)
  })

  // The pull checks the device and member again in its probe, so it may reuse a cached
  // authentication; when they changed, it authenticates afresh (401 if revoked) and pulls again.
  // It compresses its own answers (see pullEncoding.ts), so the compress plugin stays out of it.
  app.post('/api/sync/pull', { config: { cachedAuth: true }, compress: false }, async (request, reply) => {
    const body = parseWith(pullRequest, request.body)
    const pull = () => pullPage(ctx, checkDevice(request, body), body)
    const answer = await pull().catch(async (error: unknown) => {
      if (!(error instanceof StaleAuthError)) throw error
      await authenticateAgain(ctx, request)
      return pull().catch((again: unknown) => {
        // Changed once more between two reads a millisecond apart: let the phone retry.
        if (again instanceof StaleAuthError) throw new HttpError(503, 'retry', 'the device changed during the pull; try again')
        throw again
      })
    })
    await noteAppVersion(ctx, request)
    const { body: encoded, encoding } = encodePull(answer, request.headers['accept-encoding'])
    reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding')
    if (encoding) reply.header('content-encoding', encoding)
    return reply.send(encoded)
  })
}
