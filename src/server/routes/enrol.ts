import { enrolRequest } from '@shared/api/identity'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context'
import { enrolDevice } from '../identity/enrol'
import { createEnrolGuard } from '../identity/enrolGuard'
import { hashEnrolmentCode } from '../identity/secrets'
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

const pauseMessages = {
  enrol_paused: 'too many wrong enrolment codes on this server; enrolment waits another',
  code_locked: 'this enrolment code was tried wrongly too often; it waits another',
} as const

/**
 * `POST /api/enrol {code, label}`: trade a one-time code for a device token. Rate-limited per
 * client address, and guarded against guessing over all addresses (see `enrolGuard.ts`).
 */
export async function enrolRoutes(
  app: FastifyInstance,
  { ctx, rateLimit, failuresPerHour }: { ctx: AppContext; rateLimit: RateLimit; failuresPerHour?: number },
) {
  const guard = createEnrolGuard(ctx, failuresPerHour)
  app.post('/api/enrol', { config: { rateLimit } }, async (request, reply) => {
    const body = parseWith(enrolRequest, request.body)
    const codeHash = hashEnrolmentCode(ctx.codeKey, body.code)
    const pause = await guard.check(codeHash)
    if (pause) {
      // `rate_limited`, as the per-address limit: the enrol page already says in words to try later.
      reply.header('retry-after', String(pause.retryAfterSeconds))
      throw new HttpError(429, 'rate_limited', `${pauseMessages[pause.code]} ${Math.ceil(pause.retryAfterSeconds / 60)} min`, 'code')
    }
    const result = await enrolDevice(ctx, body)
    if (!result.ok) {
      await guard.fail(codeHash)
      request.log.warn({ reason: result.code }, 'wrong enrolment code')
      throw new HttpError(400, result.code, failureMessages[result.code], 'code')
    }
    request.log.info({ deviceId: result.session.deviceId, memberId: result.session.member.id }, 'device enrolled')
    return reply.code(201).send(result.session)
  })
}
