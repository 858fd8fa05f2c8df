import { enrolRequest } from '@shared/api/identity'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context'
import { enrolDevice } from '../identity/enrol'
import { HttpError, parseWith } from '../http/errors'

export interface RateLimit {
  max: number
  timeWindow: number
}

const failureMessages = {
  code_unknown: 'no such enrolment code',
  code_used: 'this enrolment code was already used',
  code_expired: 'this enrolment code has expired',
} as const

/** `POST /api/enrol {code, label}`: trade a one-time code for a device token. Rate-limited per IP. */
export async function enrolRoutes(app: FastifyInstance, { ctx, rateLimit }: { ctx: AppContext; rateLimit: RateLimit }) {
  app.post('/api/enrol', { config: { rateLimit } }, async (request, reply) => {
    const body = parseWith(enrolRequest, request.body)
    const result = await enrolDevice(ctx, body)
    if (!result.ok) throw new HttpError(400, result.code, failureMessages[result.code], 'code')
    request.log.info({ deviceId: result.session.deviceId, memberId: result.session.member.id }, 'device enrolled')
    return reply.code(201).send(result.session)
  })
}
