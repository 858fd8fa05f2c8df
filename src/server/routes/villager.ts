import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { calendarOf, todayInShanghai, unknownYearsOf } from '@shared/calendar'
import type { Village } from '@shared/records'
import type { FollowAnswer, MineAnswer, RateAnswer, VillageAnswer } from '@shared/villager/api'
import { villageBoard } from '@shared/villager/board'
import { ratingProblems } from '@shared/villager/rating'
import { normaliseReceiptCode } from '@shared/villager/receipt'
import { villagerView } from '@shared/villager/status'
import type { SubmissionProblems } from '@shared/villager/submission'
import { base64Bytes, submissionLimits, submissionProblems } from '@shared/villager/submission'
import type { AppContext } from '../context'
import { HttpError, parseWith } from '../http/errors'
import { sniffMediaType } from '../http/sniff'
import type { VillagerLimits } from '../villager/limits'
import { defaultVillagerLimits, limitHook } from '../villager/limits'
import { rateSuggestion } from '../villager/rate'
import { createVillagerReceiptRepository, secretMatches } from '../villager/receipts'
import { followRequest, mineRequest, ratingParams, ratingRequest, submissionRequest, villageCodeParam } from '../villager/requests'
import { createVillageSnapshots } from '../villager/snapshot'
import type { CheckedVoice } from '../villager/submit'
import { submitSuggestion, voiceHash } from '../villager/submit'

/** A whole voice note in base64 plus the text fits; Fastify answers 413 beyond. */
const SUBMIT_BODY_LIMIT = Math.ceil((submissionLimits.voiceMaxBytes * 4) / 3) + 64 * 1024
/** Every other public request is a few hundred bytes. */
const SMALL_BODY_LIMIT = 16 * 1024

const notFound = () => new HttpError(404, 'not_found', 'no such village or receipt')

/** 413 for text or voice over the limit, 415 for a voice note that is not audio, else 400. */
function refuseSubmission(problems: SubmissionProblems): never {
  const [field, problem] = Object.entries(problems)[0]!
  const status = problem === 'voice_not_audio' ? 415 : problem === 'content_too_long' || problem === 'voice_too_large' ? 413 : 400
  throw new HttpError(status, problem!, problem!.replace(/_/g, ' '), field)
}

/** The voice note's bytes, if any: their first bytes must be a known audio format (else 415). */
function checkedVoice(voice: { mime: string; data: string } | null): CheckedVoice | null {
  if (!voice) return null
  const bytes = Buffer.from(voice.data, 'base64')
  if (bytes.length === 0) throw new HttpError(400, 'voice_empty', 'the voice note holds no bytes', 'voice')
  // Stored and served with the type its bytes have, as every blob is.
  const type = sniffMediaType(bytes, voice.mime.split(';')[0]!.trim().toLowerCase())
  if (!type.startsWith('audio/')) throw new HttpError(415, 'voice_not_audio', 'the voice note is not audio', 'voice')
  return { bytes, sha256: voiceHash(bytes), mime: type }
}

/**
 * The villager's side, with no account (`/v/<code>` and its API): the village's board, submit,
 * a phone's own items, follow by receipt code, rate. Every write runs the shared mutations as a
 * villager of the village in the URL (`villagerActor`), so nothing here can do more than a
 * villager may. Limited per IP and per village (`limits`).
 */
export async function villagerRoutes(app: FastifyInstance, { ctx, limits = defaultVillagerLimits }: { ctx: AppContext; limits?: VillagerLimits }) {
  const receipts = createVillagerReceiptRepository(ctx.database.db)
  const villages = createVillageSnapshots(ctx)

  async function villageOf(request: FastifyRequest): Promise<Village> {
    const parsed = villageCodeParam.safeParse(request.params)
    const village = parsed.success ? await villages.villageByCode(parsed.data.code) : undefined
    if (!village) throw notFound()
    return village
  }

  const personal = (reply: FastifyReply) => reply.header('cache-control', 'no-store')

  app.get('/api/v/:code', { onRequest: limitHook(app, 'read', limits) }, async (request, reply): Promise<VillageAnswer> => {
    const village = await villageOf(request)
    const { index } = await villages.snapshot(village)
    const at = ctx.clock().toISOString()
    // The township's calendar: its administrator may have entered a year the app does not bundle.
    const calendar = calendarOf(await ctx.records.get('townships', village.townshipId))
    const board = villageBoard(village, index, calendar, at)
    const today = todayInShanghai(new Date(at))
    const running = [...board.decisions, ...board.escalations].flatMap((item) =>
      item.due && item.dueOn ? [[today, item.dueOn] as const] : [])
    reply.header('cache-control', 'no-cache')
    return { village: { name: village.name, code: village.code }, board, unknownYears: unknownYearsOf(calendar, running), at }
  })

  app.post(
    '/api/v/:code/suggestions',
    { onRequest: limitHook(app, 'submit', limits), bodyLimit: SUBMIT_BODY_LIMIT },
    async (request, reply) => {
      const village = await villageOf(request)
      const submission = parseWith(submissionRequest, request.body)
      // A form robot fills in the field people never see: answer as if stored, store nothing.
      if (submission.website.trim() !== '') {
        request.log.info({ village: village.code }, 'villager honeypot filled; nothing stored')
        return reply.code(201).send({ id: submission.id, receivedAt: ctx.clock().toISOString(), sameAs: null })
      }
      const problems = submissionProblems(submission)
      if (Object.keys(problems).length > 0) refuseSubmission(problems)
      if (submission.voice && base64Bytes(submission.voice.data) === 0) submission.voice = null
      const result = await submitSuggestion(ctx, receipts, village, submission, checkedVoice(submission.voice))
      if (!result.ok) {
        if (result.code === 'refused') {
          throw new HttpError(400, result.rejection.code, result.rejection.detail ?? result.rejection.code, result.rejection.field)
        }
        throw new HttpError(409, result.code, result.code === 'receipt_taken' ? 'draw another receipt code' : 'this id belongs to another item')
      }
      return personal(reply).code(result.status).send(result.answer)
    },
  )

  app.post('/api/v/:code/mine', { onRequest: limitHook(app, 'read', limits), bodyLimit: SMALL_BODY_LIMIT }, async (request, reply): Promise<MineAnswer> => {
    const village = await villageOf(request)
    const { items } = parseWith(mineRequest, request.body)
    const { index } = await villages.snapshot(village)
    const held = await receipts.ofSuggestions([...new Set(items.map((item) => item.id))])
    const byId = new Map(index.suggestions.map((s) => [s.id, s]))
    personal(reply)
    return {
      items: items.map(({ id, secret }) => {
        const row = byId.get(id)
        const own = held.some((r) => r.suggestionId === id && r.villageId === village.id && secretMatches(r.secretHash, secret))
        return { id, view: row && own ? villagerView(row, index) : null }
      }),
    }
  })

  app.post('/api/v/:code/follow', { onRequest: limitHook(app, 'follow', limits), bodyLimit: SMALL_BODY_LIMIT }, async (request, reply): Promise<FollowAnswer> => {
    const village = await villageOf(request)
    const code = normaliseReceiptCode(parseWith(followRequest, request.body).code)
    // A malformed code, an unknown one and another village's one answer alike.
    const receipt = code ? await receipts.byCode(village.id, code) : undefined
    const { index } = await villages.snapshot(village)
    const row = receipt ? index.suggestions.find((s) => s.id === receipt.suggestionId) : undefined
    if (!row) throw notFound()
    personal(reply)
    return { view: villagerView(row, index) }
  })

  app.post(
    '/api/v/:code/suggestions/:id/rating',
    { onRequest: limitHook(app, 'rate', limits), bodyLimit: SMALL_BODY_LIMIT },
    async (request, reply): Promise<RateAnswer> => {
      const village = await villageOf(request)
      const { id } = parseWith(ratingParams, request.params)
      const rating = parseWith(ratingRequest, request.body)
      const problems = Object.entries(ratingProblems(rating))
      if (problems.length > 0) throw new HttpError(400, problems[0]![1], problems[0]![1].replace(/_/g, ' '), problems[0]![0])
      const result = await rateSuggestion(ctx, receipts, village, id, rating)
      if (!result.ok) {
        if (result.code === 'not_found') throw notFound()
        throw new HttpError(409, result.rejection.code, result.rejection.detail ?? 'this item is not waiting for a rating', result.rejection.field)
      }
      const { index } = await villages.snapshot(village)
      const row = index.suggestions.find((s) => s.id === id)
      if (!row) throw notFound()
      personal(reply)
      return { view: villagerView(row, index) }
    },
  )
}
