import { z } from 'zod'
import { enrolResponse, issuedCode } from '@shared/api/identity'
import type { MemberRole } from '@shared/records'
import { member, village } from '@shared/records'
import { pullResponse, SCHEMA_VERSION } from '@shared/sync/protocol'
import { demoMember } from './server'
import type { RunningServer } from './server'

/** A device enrolled as the demo administrator, through the API, to issue codes as an admin does. */
interface AdminSession {
  deviceId: string
  token: string
}

const adminSessions = new WeakMap<RunningServer, Promise<AdminSession>>()

async function api<T>(server: RunningServer, path: string, schema: z.ZodType<T>, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${text}`)
  return schema.parse(JSON.parse(text))
}

/** The admin device of this server, enrolled once with the demo admin's code. */
function adminSession(server: RunningServer): Promise<AdminSession> {
  let session = adminSessions.get(server)
  if (!session) {
    const body = { code: demoMember(server, 'admin').code, label: 'e2e harness' }
    session = api(server, '/api/enrol', enrolResponse, body).then(({ deviceId, token }) => ({ deviceId, token }))
    adminSessions.set(server, session)
  }
  return session
}

const syncedRows = { villages: z.array(village), members: z.array(member) }

/** Villages and members of the demo township, as the admin's device pulls them. */
async function townshipDirectory(server: RunningServer, admin: AdminSession) {
  const rows: { table: string; row: unknown }[] = []
  for (let cursor = 0, more = true; more; ) {
    const body = { deviceId: admin.deviceId, schemaVersion: SCHEMA_VERSION, cursor, limit: 1000 }
    const page = await api(server, '/api/sync/pull', pullResponse, body, admin.token)
    rows.push(...page.rows)
    cursor = page.cursor
    more = page.hasMore
  }
  const of = (table: string) => rows.filter((r) => r.table === table).map((r) => r.row)
  return { villages: syncedRows.villages.parse(of('villages')), members: syncedRows.members.parse(of('members')) }
}

/**
 * A new single-use enrolment code for the demo member with this role (in this village, when
 * given; the one {@link codeFor} names, else the first such member), issued through `POST /api/admin/members/:id/codes` as an administrator would. Unlike
 * {@link codeFor}'s demo codes, it can be called for the same member as often as a test needs.
 * The first call enrols a harness device with the demo admin's code, so that code is then used.
 *
 * @example
 * await enrolAs(page, await freshCode(server(), 'cadre', '刘土城村'))
 */
export async function freshCode(server: RunningServer, role: MemberRole, villageName?: string): Promise<string> {
  const admin = await adminSession(server)
  const { villages, members } = await townshipDirectory(server, admin)
  const villageId = villageName === undefined ? undefined : villages.find((v) => v.name === villageName)?.id
  if (villageName !== undefined && villageId === undefined) throw new Error(`no village named ${villageName}`)
  const wanted = (m: (typeof members)[number]) =>
    m.role === role && m.deletedAt === null && (villageId === undefined || m.villageId === villageId)
  const demoName = server.demoCodes.find((c) => c.role === role && (villageName === undefined || c.village === villageName))?.name
  const found = members.find((m) => wanted(m) && m.name === demoName) ?? members.find(wanted)
  if (!found) throw new Error(`no ${role} member${villageName ? ` in ${villageName}` : ''}`)
  const issued = await api(server, `/api/admin/members/${found.id}/codes`, issuedCode, {}, admin.token)
  return issued.code
}
