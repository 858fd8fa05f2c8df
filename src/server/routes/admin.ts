import { createMemberRequest } from '@shared/api/identity'
import type { DeviceSummary, IssuedCode } from '@shared/api/identity'
import { newId } from '@shared/ids'
import { id } from '@shared/records'
import type { Member } from '@shared/records'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { AppContext } from '../context'
import { requireRole } from '../http/auth'
import { HttpError, parseWith } from '../http/errors'
import { issueEnrolmentCode } from '../identity/codes'
import type { IssuedEnrolmentCode } from '../identity/codes'
import { enrolUrl, qrSvg } from '../identity/qr'

const idParams = z.object({ id })

export interface AdminRouteOptions {
  ctx: AppContext
  /** Origin put into enrol links (`https://yehua.example.cn`); else taken from the request. */
  publicOrigin: string | null
}

/** Members, enrolment codes and devices of the admin's own township. */
export async function adminRoutes(app: FastifyInstance, { ctx, publicOrigin }: AdminRouteOptions) {
  const originOf = (request: FastifyRequest) => publicOrigin ?? `${request.protocol}://${request.host}`

  async function withQr(request: FastifyRequest, issued: IssuedEnrolmentCode): Promise<IssuedCode> {
    const url = enrolUrl(originOf(request), issued.code)
    return { ...issued, enrolUrl: url, qrSvg: await qrSvg(url) }
  }

  async function memberInScope(request: FastifyRequest): Promise<Member> {
    const actor = requireRole(request, 'admin')
    const { id: memberId } = parseWith(idParams, request.params)
    const member = await ctx.records.get('members', memberId)
    if (!member || member.deletedAt !== null) throw new HttpError(404, 'not_found', 'no such member')
    if (member.townshipId !== actor.townshipId) throw new HttpError(403, 'out_of_scope', 'member of another township')
    return member
  }

  app.post('/api/admin/members', async (request, reply) => {
    const actor = requireRole(request, 'admin')
    const body = parseWith(createMemberRequest, request.body)
    if (body.villageId !== null) {
      const village = await ctx.records.get('villages', body.villageId)
      if (!village || village.deletedAt !== null) throw new HttpError(400, 'invalid_body', 'no such village', 'villageId')
      if (village.townshipId !== actor.townshipId) throw new HttpError(403, 'out_of_scope', 'village of another township')
    }
    const now = ctx.clock().toISOString()
    const { member, issued } = await ctx.database.db.transaction().execute(async (trx) => {
      const member = await ctx.records.write('members', {
        id: newId(), version: 0, createdAt: now, updatedAt: now, deletedAt: null,
        townshipId: actor.townshipId, villageId: body.villageId, name: body.name, role: body.role,
      }, trx)
      return { member, issued: await issueEnrolmentCode(ctx, member.id, { trx }) }
    })
    return reply.code(201).send({ member, enrolment: await withQr(request, issued) })
  })

  app.post('/api/admin/members/:id/codes', async (request, reply) => {
    const member = await memberInScope(request)
    const issued = await issueEnrolmentCode(ctx, member.id)
    return reply.code(201).send(await withQr(request, issued))
  })

  app.get('/api/admin/devices', async (request) => {
    const actor = requireRole(request, 'admin')
    const devices: DeviceSummary[] = await ctx.devices.listForTownship(actor.townshipId)
    return { devices }
  })

  app.post('/api/admin/devices/:id/revoke', async (request) => {
    const actor = requireRole(request, 'admin')
    const { id: deviceId } = parseWith(idParams, request.params)
    const device = await ctx.devices.findById(deviceId)
    const holder = device ? await ctx.records.get('members', device.memberId) : undefined
    if (!device || !holder) throw new HttpError(404, 'not_found', 'no such device')
    if (holder.townshipId !== actor.townshipId) throw new HttpError(403, 'out_of_scope', 'device of another township')
    await ctx.devices.revoke(device.id, ctx.clock().toISOString())
    const summary: DeviceSummary | undefined = await ctx.devices.summaryOf(device.id)
    return { device: summary }
  })
}
