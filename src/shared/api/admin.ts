import { z } from 'zod'
import { yearData } from '../calendar/yearData'
import type { YearData } from '../calendar/yearData'
import { deadlinePolicy } from '../records'
import type { DeadlinePolicy, Member, Township, Village } from '../records'
import type { DeviceSummary } from './identity'

// Requests and answers of the admin routes (`/api/admin/…`), shared by the server and the admin
// screens, so a form refuses what the server would refuse.

const villageName = z.string().trim().min(1, 'name_required').max(60, 'name_too_long')

/** `POST /api/admin/villages`: a name, and a public code (else a random one). */
export const createVillageRequest = z.object({
  name: villageName,
  code: z.string().trim().toLowerCase().regex(/^[a-z0-9]{4,12}$/, 'code_format').optional(),
})
export type CreateVillageRequest = z.input<typeof createVillageRequest>

/** `PATCH /api/admin/villages/:id`: a new name and/or public code. */
export const updateVillageRequest = z
  .object({
    name: villageName.optional(),
    code: z.string().trim().toLowerCase().regex(/^[a-z0-9]{4,12}$/, 'code_format').optional(),
  })
  .refine((body) => body.name !== undefined || body.code !== undefined, 'nothing_to_change')
export type UpdateVillageRequest = z.input<typeof updateVillageRequest>

/** `PUT /api/admin/policy`: every limit of the deadline policy. */
export const policyRequest = deadlinePolicy.strict()
export type PolicyRequest = DeadlinePolicy

/** `PUT /api/admin/calendar/:year`: a year of holidays and 调休 working days (validated as `yearData`). */
export const calendarYearRequest = yearData
export type CalendarYearRequest = YearData

/** `GET /api/admin/overview`: what the admin screens show of the township. */
export interface AdminOverview {
  township: Township
  /** Years shipped with the app (an entered year of the same number replaces one). */
  bundledYears: number[]
  villages: Village[]
  /** Every member, deactivated ones (`deletedAt` set) included. */
  members: Member[]
}

export interface AdminDevices {
  devices: DeviceSummary[]
}

/** One audit log entry as the admin sees it. */
export interface AuditEntryView {
  id: string
  actorId: string
  /** The acting member's name; null for the command line (`setup`). */
  actorName: string | null
  action: string
  targetType: string
  targetId: string | null
  detail: Record<string, unknown> | null
  at: string
}

