import {
  calendarYearRequest, createVillageRequest, policyRequest, updateVillageRequest,
} from '@shared/api/admin'
import type { AdminDevices, AdminOverview } from '@shared/api/admin'
import { createMemberRequest } from '@shared/api/identity'
import type { DeviceSummary, IssuedCode } from '@shared/api/identity'
import { bundledYears } from '@shared/calendar'
import { newId } from '@shared/ids'
import { id } from '@shared/records'
import type { Member, Township, Village } from '@shared/records'
import { createReadStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { z } from 'zod'
import { listAudit, recordAudit } from '../admin/audit'
import { takeSqliteBackup } from '../admin/backup'
import type { AuditEntry } from '../admin/audit'
import { withHolidayYear } from '../admin/calendar'
import type { AppContext } from '../context'
import type { Database } from '../db/schema'
import { requireRole } from '../http/auth'
import { HttpError, parseWith } from '../http/errors'
import { issueEnrolmentCode } from '../identity/codes'
import type { IssuedEnrolmentCode } from '../identity/codes'
import type { MemberActor } from '../identity/session'
import { enrolUrl, qrSvg } from '../identity/qr'
import { randomVillageCode } from '../setup/township'

const idParams = z.object({ id })
const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) })
const auditQuery = z.object({ before: z.iso.datetime().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) })

export interface AdminRouteOptions {
  ctx: AppContext
  /** Origin put into enrol links (`https://yehua.example.cn`); else taken from the request. */
  publicOrigin: string | null
}

type Admin = MemberActor & { role: 'admin' }

/**
 * The administration of the admin's own township: villages, members and their enrolment codes,
 * devices, the deadline policy and the holiday calendar, and the audit log. Every change is
 * validated (400 `invalid_body` naming the field), checked against the admin's township (403
 * `out_of_scope`), written with the next sync version (phones pull it) and logged in `audit_log`
 * in the same transaction.
 */
export async function adminRoutes(app: FastifyInstance, { ctx, publicOrigin }: AdminRouteOptions) {
  const originOf = (request: FastifyRequest) => publicOrigin ?? `${request.protocol}://${request.host}`
  const now = () => ctx.clock().toISOString()

  async function withQr(request: FastifyRequest, issued: IssuedEnrolmentCode): Promise<IssuedCode> {
    const url = enrolUrl(originOf(request), issued.code)
    return { ...issued, enrolUrl: url, qrSvg: await qrSvg(url) }
  }

  /** Run `work` in one transaction with an audit entry of the admin's township. */
  function audited<T>(admin: Admin, work: (trx: Transaction<Database>, at: string) => Promise<{ result: T; audit: Omit<AuditEntry, 'townshipId' | 'actorId'> }>) {
    return ctx.database.db.transaction().execute(async (trx) => {
      const at = now()
      const { result, audit } = await work(trx, at)
      await recordAudit(trx, { ...audit, townshipId: admin.townshipId, actorId: admin.memberId }, at)
      return result
    })
  }

  async function memberInScope(request: FastifyRequest): Promise<{ admin: Admin; member: Member }> {
    const admin = requireRole(request, 'admin')
    const { id: memberId } = parseWith(idParams, request.params)
    const member = await ctx.records.get('members', memberId)
    if (!member) throw new HttpError(404, 'not_found', 'no such member')
    if (member.townshipId !== admin.townshipId) throw new HttpError(403, 'out_of_scope', 'member of another township')
    return { admin, member }
  }

  async function villageInScope(request: FastifyRequest): Promise<{ admin: Admin; village: Village }> {
    const admin = requireRole(request, 'admin')
    const { id: villageId } = parseWith(idParams, request.params)
    const village = await ctx.records.get('villages', villageId)
    if (!village || village.deletedAt !== null) throw new HttpError(404, 'not_found', 'no such village')
    if (village.townshipId !== admin.townshipId) throw new HttpError(403, 'out_of_scope', 'village of another township')
    return { admin, village }
  }

  async function townshipOf(admin: Admin, trx?: Transaction<Database>): Promise<Township> {
    const township = await ctx.records.get('townships', admin.townshipId, trx)
    if (!township) throw new HttpError(404, 'not_found', 'no such township')
    return township
  }

  /** 409 `code_taken` when another village (of any township, deleted ones too) has the code. */
  async function checkCodeFree(code: string, except: string | null, trx: Transaction<Database>): Promise<void> {
    const owner = await trx.selectFrom('villages').select('id').where('code', '=', code).executeTakeFirst()
    if (owner && owner.id !== except) throw new HttpError(409, 'code_taken', `the code ${code} is used by another village`, 'code')
  }

  app.get('/api/admin/overview', async (request): Promise<AdminOverview> => {
    const admin = requireRole(request, 'admin')
    const [township, villages, members] = await Promise.all([
      townshipOf(admin),
      ctx.records.list('villages', { townshipId: admin.townshipId, deletedAt: null }),
      ctx.records.list('members', { townshipId: admin.townshipId }),
    ])
    return { township, bundledYears: [...bundledYears], villages, members }
  })

  app.post('/api/admin/villages', async (request, reply) => {
    const admin = requireRole(request, 'admin')
    const body = parseWith(createVillageRequest, request.body)
    const village = await audited(admin, async (trx, at) => {
      let code = body.code
      if (code !== undefined) await checkCodeFree(code, null, trx)
      while (code === undefined || (await trx.selectFrom('villages').select('id').where('code', '=', code).executeTakeFirst())) {
        code = randomVillageCode()
      }
      const row = await ctx.records.write('villages', {
        id: newId(), version: 0, createdAt: at, updatedAt: at, deletedAt: null, townshipId: admin.townshipId, name: body.name, code,
      }, trx)
      return { result: row, audit: { action: 'village.create', targetType: 'village', targetId: row.id, detail: { name: row.name, code } } }
    })
    return reply.code(201).send({ village })
  })

  app.patch('/api/admin/villages/:id', async (request) => {
    const { admin, village } = await villageInScope(request)
    const body = parseWith(updateVillageRequest, request.body)
    const updated = await audited(admin, async (trx, at) => {
      if (body.code !== undefined && body.code !== village.code) await checkCodeFree(body.code, village.id, trx)
      const row = await ctx.records.write('villages', { ...village, name: body.name ?? village.name, code: body.code ?? village.code, updatedAt: at }, trx)
      const detail = { from: { name: village.name, code: village.code }, to: { name: row.name, code: row.code } }
      return { result: row, audit: { action: 'village.update', targetType: 'village', targetId: row.id, detail } }
    })
    return { village: updated }
  })

  app.post('/api/admin/members', async (request, reply) => {
    const admin = requireRole(request, 'admin')
    const body = parseWith(createMemberRequest, request.body)
    if (body.villageId !== null) {
      const village = await ctx.records.get('villages', body.villageId)
      if (!village || village.deletedAt !== null) throw new HttpError(400, 'invalid_body', 'no such village', 'villageId')
      if (village.townshipId !== admin.townshipId) throw new HttpError(403, 'out_of_scope', 'village of another township')
    }
    const { member, issued } = await audited(admin, async (trx, at) => {
      const member = await ctx.records.write('members', {
        id: newId(), version: 0, createdAt: at, updatedAt: at, deletedAt: null,
        townshipId: admin.townshipId, villageId: body.villageId, name: body.name, role: body.role,
      }, trx)
      const issued = await issueEnrolmentCode(ctx, member.id, { trx })
      const detail = { name: member.name, role: member.role, villageId: member.villageId }
      return { result: { member, issued }, audit: { action: 'member.create', targetType: 'member', targetId: member.id, detail } }
    })
    return reply.code(201).send({ member, enrolment: await withQr(request, issued) })
  })

  app.post('/api/admin/members/:id/codes', async (request, reply) => {
    const { admin, member } = await memberInScope(request)
    if (member.deletedAt !== null) throw new HttpError(409, 'member_inactive', 'this member was deactivated')
    const issued = await audited(admin, async (trx) => ({
      result: await issueEnrolmentCode(ctx, member.id, { trx }),
      audit: { action: 'member.code', targetType: 'member', targetId: member.id, detail: { name: member.name } },
    }))
    return reply.code(201).send(await withQr(request, issued))
  })

  app.post('/api/admin/members/:id/deactivate', async (request) => {
    const { admin, member } = await memberInScope(request)
    if (member.id === admin.memberId) throw new HttpError(409, 'self', 'an administrator cannot deactivate themself')
    if (member.deletedAt !== null) return { member }
    const updated = await audited(admin, async (trx, at) => {
      // A tombstone: its phones answer 401 from now on; the rows it wrote stay as they are.
      const row = await ctx.records.write('members', { ...member, deletedAt: at, updatedAt: at }, trx)
      await ctx.codes.expireUnused(member.id, 'issued', at, trx)
      return { result: row, audit: { action: 'member.deactivate', targetType: 'member', targetId: member.id, detail: { name: member.name } } }
    })
    return { member: updated }
  })

  app.get('/api/admin/devices', async (request): Promise<AdminDevices> => {
    const admin = requireRole(request, 'admin')
    const devices: DeviceSummary[] = await ctx.devices.listForTownship(admin.townshipId)
    return { devices }
  })

  app.post('/api/admin/devices/:id/revoke', async (request) => {
    const admin = requireRole(request, 'admin')
    const { id: deviceId } = parseWith(idParams, request.params)
    const device = await ctx.devices.findById(deviceId)
    const holder = device ? await ctx.records.get('members', device.memberId) : undefined
    if (!device || !holder) throw new HttpError(404, 'not_found', 'no such device')
    if (holder.townshipId !== admin.townshipId) throw new HttpError(403, 'out_of_scope', 'device of another township')
    if (device.revokedAt === null) {
      await audited(admin, async (trx, at) => {
        await ctx.devices.revoke(device.id, at, trx)
        return { result: null, audit: { action: 'device.revoke', targetType: 'device', targetId: device.id, detail: { member: holder.name, label: device.label } } }
      })
    }
    const summary: DeviceSummary | undefined = await ctx.devices.summaryOf(device.id)
    return { device: summary }
  })

  app.put('/api/admin/policy', async (request) => {
    const admin = requireRole(request, 'admin')
    const policy = parseWith(policyRequest, request.body)
    const township = await audited(admin, async (trx, at) => {
      const current = await townshipOf(admin, trx)
      const row = await ctx.records.write('townships', { ...current, policy, updatedAt: at }, trx)
      return { result: row, audit: { action: 'policy.update', targetType: 'township', targetId: row.id, detail: { from: current.policy, to: policy } } }
    })
    return { township }
  })

  app.put('/api/admin/calendar/:year', async (request) => {
    const admin = requireRole(request, 'admin')
    const { year } = parseWith(yearParams, request.params)
    const data = parseWith(calendarYearRequest, request.body)
    if (data.year !== year) throw new HttpError(400, 'invalid_body', `the body is for ${data.year}, the address for ${year}`, 'year')
    const township = await audited(admin, async (trx, at) => {
      const current = await townshipOf(admin, trx)
      const replaced = (current.holidayYears ?? []).some((y) => y.year === year)
      const row = await ctx.records.write('townships', { ...withHolidayYear(current, data), updatedAt: at }, trx)
      const detail = { year, holidays: Object.keys(data.holidays).length, workdays: Object.keys(data.workdays).length, replaced }
      return { result: row, audit: { action: 'calendar.year', targetType: 'township', targetId: row.id, detail } }
    })
    return { township }
  })

  // A consistent copy of the whole database while the server runs (SQLite online backup). On
  // PostgreSQL the answer says to use pg_dump (README), which is consistent by itself.
  app.get('/api/admin/backup', async (request, reply) => {
    const admin = requireRole(request, 'admin')
    if (ctx.database.dialect !== 'sqlite') {
      throw new HttpError(501, 'backup_postgres', 'this server runs on PostgreSQL: back it up with pg_dump as README "Backup and restore" says')
    }
    const dir = mkdtempSync(join(tmpdir(), 'yehua-backup-'))
    const file = join(dir, 'yehua.sqlite')
    try {
      await takeSqliteBackup(ctx.database, file)
      await audited(admin, async () => ({ result: null, audit: { action: 'backup.download', targetType: 'backup', targetId: null } }))
    } catch (error) {
      rmSync(dir, { recursive: true, force: true })
      throw error
    }
    const stream = createReadStream(file)
    stream.on('close', () => rmSync(dir, { recursive: true, force: true }))
    const stamp = now().replace(/[:.]/g, '-')
    return reply
      .type('application/vnd.sqlite3')
      .header('content-disposition', `attachment; filename="yehua-backup-${stamp}.sqlite"`)
      .header('cache-control', 'no-store')
      .send(stream)
  })

  app.get('/api/admin/audit', async (request) => {
    const admin = requireRole(request, 'admin')
    const query = parseWith(auditQuery, request.query)
    return { entries: await listAudit(ctx.database.db, admin.townshipId, query.limit, query.before) }
  })
}
