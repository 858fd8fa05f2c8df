import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context'
import { schemaVersion } from '../db/migrate'

/** `GET /api/health`: whether the database answers, which engine, and the schema version. */
export async function healthRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  app.get('/api/health', async (request, reply) => {
    try {
      return { ok: true, db: ctx.database.dialect, schemaVersion: await schemaVersion(ctx.database) }
    } catch (error) {
      request.log.error({ err: error }, 'health check failed')
      return reply.code(503).send({ ok: false, db: ctx.database.dialect, schemaVersion: null })
    }
  })
}
