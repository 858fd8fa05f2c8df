import { z } from 'zod'
import { id, instant, memberRoles, township, village } from '../records'
import { boundedText } from '../text'
import { CODE_TEXT_MAX, codeDigits } from './enrolCode'

/** An enrolment code as typed: 8 digits, spaces and dashes allowed (shown as 4829-1375). */
export const enrolmentCode = boundedText(CODE_TEXT_MAX, 'code_format')
  .transform((raw, ctx) => {
    const digits = codeDigits(raw)
    if (digits === null) ctx.addIssue({ code: 'custom', message: 'code_format' })
    return digits ?? ''
  })

/** `POST /api/enrol` request body. */
export const enrolRequest = z.object({
  code: enrolmentCode,
  /** How the device is shown to the admin, e.g. "张书记的手机". */
  label: boundedText(60).min(1),
})
export type EnrolRequest = z.input<typeof enrolRequest>

export const sessionActor = z.discriminatedUnion('role', [
  z.object({ role: z.enum(['cadre', 'collector']), memberId: id, villageId: id, townshipId: id }),
  z.object({ role: z.enum(['township', 'admin']), memberId: id, villageId: z.null(), townshipId: id }),
])

/** `GET /api/session` response: who this device acts as. */
export const sessionResponse = z.object({
  deviceId: id,
  actor: sessionActor,
  member: z.object({ id, name: z.string(), role: z.enum(memberRoles) }),
  village: village.nullable(),
  township,
})
export type SessionResponse = z.infer<typeof sessionResponse>

/** `POST /api/enrol` response: the session plus the device token, shown only this once. */
export const enrolResponse = sessionResponse.extend({ token: z.string().min(40) })
export type EnrolResponse = z.infer<typeof enrolResponse>

/** Every API error body: `{ error: { code, message, field? } }` (its own module, see there). */
export { apiError, type ApiError } from './error'

/** A freshly issued enrolment code for a member (admin routes). */
export const issuedCode = z.object({
  memberId: id,
  code: z.string().regex(/^\d{4}-\d{4}$/),
  expiresAt: instant,
  /** `<origin>/enrol?code=…`, what the QR code encodes. */
  enrolUrl: z.string(),
  /** The enrol URL as a QR code, an SVG document. */
  qrSvg: z.string(),
})
export type IssuedCode = z.infer<typeof issuedCode>

/** `POST /api/admin/members` request body: cadres and collectors belong to a village, others not. */
export const createMemberRequest = z.discriminatedUnion('role', [
  z.object({ role: z.enum(['cadre', 'collector']), name: boundedText(40).min(1), villageId: id }),
  z.object({
    role: z.enum(['township', 'admin']),
    name: boundedText(40).min(1),
    villageId: z.null().default(null),
  }),
])
export type CreateMemberRequest = z.input<typeof createMemberRequest>

/** One enrolled device as the admin sees it (`GET /api/admin/devices`). */
export const deviceSummary = z.object({
  id,
  memberId: id,
  memberName: z.string(),
  role: z.enum(memberRoles),
  villageId: id.nullable(),
  label: z.string(),
  createdAt: instant,
  lastSeenAt: instant.nullable(),
  revokedAt: instant.nullable(),
  /** The app version it last synced with (null before its first sync since migration 007). */
  appVersion: z.string().nullable(),
})
export type DeviceSummary = z.infer<typeof deviceSummary>
