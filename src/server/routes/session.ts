import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context'
import { authOf } from '../http/auth'
import { HttpError } from '../http/errors'
import { describeSession } from '../identity/session'

/** `GET /api/session`: who this device acts as now (the app refreshes its stored session). */
export async function sessionRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.get('/api/session', async (request) => {
    const { device, member } = authOf(request)
    const session = await describeSession(ctx, device.id, member)
    if (!session) throw new HttpError(401, 'device_revoked', 'this member can no longer act')
    return session
  })
}
