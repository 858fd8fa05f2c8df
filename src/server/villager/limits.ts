import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { HttpError } from '../http/errors'

/** At most `max` requests per `timeWindow` milliseconds. */
export interface Limit {
  max: number
  timeWindow: number
}

/** The public routes' limits, per client IP and per village (README lists these numbers). */
export interface VillagerLimits {
  /** Submissions. */
  submit: { ip: Limit; village: Limit }
  /** Looking an item up by its receipt code alone (guessing codes is what this limits). */
  follow: { ip: Limit; village: Limit }
  /** Ratings. */
  rate: { ip: Limit; village: Limit }
  /** The board and a phone's own items (by id and secret). */
  read: { ip: Limit; village: Limit }
}

const MINUTE = 60_000

/**
 * Per IP, generous enough for a village square behind one carrier address on meeting night;
 * per village, a ceiling that a script from many addresses cannot lift.
 */
export const defaultVillagerLimits: VillagerLimits = {
  submit: { ip: { max: 20, timeWindow: 10 * MINUTE }, village: { max: 120, timeWindow: 10 * MINUTE } },
  follow: { ip: { max: 30, timeWindow: 10 * MINUTE }, village: { max: 300, timeWindow: 10 * MINUTE } },
  rate: { ip: { max: 20, timeWindow: 10 * MINUTE }, village: { max: 200, timeWindow: 10 * MINUTE } },
  read: { ip: { max: 120, timeWindow: MINUTE }, village: { max: 3000, timeWindow: MINUTE } },
}

type LimitHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

/**
 * An `onRequest` hook counting a request against the IP's and then the village's limit of one
 * kind of public route: over either, 429 `rate_limited` with `Retry-After` in seconds. (One hook
 * for both: @fastify/rate-limit runs only the first of several hooks on a request.)
 */
export function limitHook(app: FastifyInstance, kind: keyof VillagerLimits, limits: VillagerLimits): LimitHook {
  const byIp = app.createRateLimit({ ...limits[kind].ip, keyGenerator: (request) => `${kind}:ip:${request.ip}` })
  const byVillage = app.createRateLimit({
    ...limits[kind].village,
    keyGenerator: (request) => `${kind}:village:${String((request.params as { code?: unknown }).code).toLowerCase()}`,
  })
  return async (request, reply) => {
    for (const check of [byIp, byVillage]) {
      const result = await check(request)
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', String(result.ttlInSeconds))
        throw new HttpError(429, 'rate_limited', `too many requests, retry in ${result.ttlInSeconds} s`)
      }
    }
  }
}
