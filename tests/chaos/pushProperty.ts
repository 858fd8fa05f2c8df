import fc from 'fast-check'
import type { EnrolResponse } from '@shared/api/identity'
import { newId } from '@shared/ids'
import { pullResponse, pushRequest, pushResponse, SCHEMA_VERSION } from '@shared/sync/protocol'
import type { OutboxMutation, PushResponse } from '@shared/sync/protocol'
import { ID_MARK, plannedPush, RECEIPT_MARK } from './pushBodies'
import type { PlannedPush } from './pushBodies'
import { demoCodes, startServerProcess } from './serverProcess'

// The seeded property run of push bodies (issue 12): generated bodies against a real server
// process over HTTP. Holds when no request answers 5xx and no device is stuck: every push a
// phone could send (a well-formed envelope of its own, whatever the arguments) has each of its
// mutations in mid order taken, applied or refused, and every pull of every device answers.

export interface PushPropertyOptions {
  runs: number
  seed: number
  /** PostgreSQL URL for the server; SQLite when absent. */
  databaseUrl?: string
  log?: (line: string) => void
}

export interface PushPropertyReport {
  runs: number
  pushes: number
  pulls: number
  serverErrors: number
  /** Devices that once could not get a mutation taken, or a pull answered. */
  stuck: number
  statuses: Record<string, number>
  refusals: Record<string, number>
  applied: number
  /** What went wrong first, with the generated push that showed it; null when the property held. */
  failure: string | null
  summary: string
}

/** The server's body limit for a push (src/server/routes/sync.ts). */
const PUSH_BODY_LIMIT = 4 * 1024 * 1024

interface Device {
  name: string
  session: EnrolResponse
  /** The last mid the server took from this device, as it answered. */
  lastMid: number
  cursor: number
}

async function post(url: string, body: unknown, token?: string): Promise<{ status: number; json: unknown; bytes: number }> {
  const text = JSON.stringify(body)
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: text,
  })
  return { status: response.status, json: await response.json().catch(() => null), bytes: Buffer.byteLength(text) }
}

/** Ids of the rows the server holds, by table, the suggestions' receipt codes, and the sender's village. */
interface Known {
  ids: Map<string, string[]>
  receipts: string[]
  home: string | null
}

/** The tables an id field points into. */
const fieldTables: Record<string, string[]> = {
  villageId: ['villages'], meetingId: ['meetings'], topicId: ['topics'], topicIds: ['topics'], intoId: ['suggestions'],
  suggestionIds: ['suggestions'], subjectId: ['suggestions', 'meetings', 'topics', 'decisions', 'escalations'],
}

/** The table a mutation's own `id` names, unless it creates the row (then a new id, mostly). */
function ownTable(name: string, n: number): string | null {
  if (/\.(create|add)$/.test(name) && n % 5 !== 0) return null
  const prefix = name.split('.')[0] ?? ''
  return { suggestion: 'suggestions', meeting: 'meetings', topic: 'topics', decision: 'decisions', escalation: 'escalations', remark: 'remarks', attachment: 'attachments' }[prefix] ?? 'suggestions'
}

/** Replace placeholders with ids of rows the server holds, of the table the field names, recursively. */
function resolve(value: unknown, name: string, known: Known): unknown {
  if (typeof value === 'string' && value.startsWith(RECEIPT_MARK)) {
    return known.receipts[Number(value.slice(RECEIPT_MARK.length)) % Math.max(1, known.receipts.length)] ?? 'AAAAAAAA'
  }
  if (typeof value === 'string' && value.startsWith(ID_MARK)) {
    const [field = '', index = '0'] = value.slice(ID_MARK.length).split(':')
    const n = Number(index)
    // A phone names its own village mostly.
    if (field === 'villageId' && known.home && n % 4 !== 0) return known.home
    const tables = field === 'id' || field === 'remarkId' ? [field === 'id' ? ownTable(name, n) : null] : fieldTables[field] ?? [null]
    const table = tables[n % tables.length]
    const ids = table ? known.ids.get(table) ?? [] : []
    return ids.length > 0 ? ids[Math.floor(n / tables.length) % ids.length] : newId()
  }
  if (Array.isArray(value)) return value.map((item) => resolve(item, name, known))
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, name, known)]))
  return value
}

/** The outbox entries of a planned push for a device whose server has taken `lastMid`. */
function entriesOf(plan: PlannedPush, device: Device, known: Known): OutboxMutation[] {
  const first = { next: device.lastMid + 1, resend: Math.max(1, device.lastMid - 1), gap: device.lastMid + plan.gap, duplicate: device.lastMid + 1 }[plan.mids]
  const entries = plan.mutations.map((m, i) => ({ mid: first + i, name: m.name, args: resolve(m.args, m.name, known), clientTime: m.clientTime }))
  if (plan.mids === 'duplicate' && entries.length > 0) entries.push({ ...entries[0]! })
  return entries
}

/** The body as sent: a phone's envelope, or a malformed one. */
function bodyOf(plan: PlannedPush, device: Device, entries: OutboxMutation[]): unknown {
  const envelope = { deviceId: device.session.deviceId, schemaVersion: SCHEMA_VERSION, mutations: entries }
  switch (plan.envelope) {
    case null: return envelope
    case 'other_device': return { ...envelope, deviceId: newId() }
    case 'old_schema': return { ...envelope, schemaVersion: 0 }
    case 'bad_mid': return { ...envelope, mutations: entries.map((e, i) => (i === 0 ? { ...e, mid: -1.5 } : e)) }
    case 'no_mutations': return { ...envelope, mutations: [] }
    case 'too_many': return { ...envelope, mutations: Array.from({ length: 201 }, (_, i) => ({ ...entries[0]!, mid: device.lastMid + 1 + i })) }
    case 'not_an_object': return [envelope]
  }
}

/** The highest mid a device sent in order after the server's lastMid: what must be taken. */
function inOrderUpTo(entries: readonly OutboxMutation[], lastMid: number): number {
  const mids = new Set(entries.map((e) => e.mid))
  let up = lastMid
  while (mids.has(up + 1)) up += 1
  return up
}

/** Run `runs` generated pushes against a fresh server process and count what it answered. */
export async function runPushProperty(options: PushPropertyOptions): Promise<PushPropertyReport> {
  const log = options.log ?? (() => {})
  const server = await startServerProcess(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {})
  const report: PushPropertyReport = {
    runs: 0, pushes: 0, pulls: 0, serverErrors: 0, stuck: 0, statuses: {}, refusals: {}, applied: 0, failure: null, summary: '',
  }
  const stuck = new Set<string>()
  const count = (status: number) => {
    report.statuses[status] = (report.statuses[status] ?? 0) + 1
    if (status >= 500) report.serverErrors += 1
  }
  try {
    const codes = await demoCodes(server.dataDir)
    const enrolled = async (code: string, name: string): Promise<Device> => {
      const res = await post(`${server.url}/api/enrol`, { code, label: `property ${name}` })
      if (res.status !== 201) throw new Error(`enrol ${name}: ${res.status}`)
      return { name, session: res.json as EnrolResponse, lastMid: 0, cursor: 0 }
    }
    const codeOf = (role: string, village?: string) => codes.find((c) => c.role === role && (village === undefined || c.village === village))!.code
    const admin = await enrolled(codeOf('admin'), 'admin')
    const devices = [
      admin,
      await enrolled(codeOf('cadre', '刘土城村'), 'cadre 刘土城村'),
      await enrolled(codeOf('collector', '刘土城村'), 'collector 刘土城村'),
      await enrolled(codeOf('cadre', '孙庄村'), 'cadre 孙庄村'),
      await enrolled(codeOf('township'), 'township'),
    ]
    // Two more cadres of 刘土城村, made by the admin: most mutations are a cadre's.
    for (const name of ['测试干部甲', '测试干部乙']) {
      const created = await post(`${server.url}/api/admin/members`, { role: 'cadre', name, villageId: devices[1]!.session.village!.id }, admin.session.token)
      if (created.status !== 201) throw new Error(`create ${name}: ${created.status}`)
      devices.push(await enrolled((created.json as { enrolment: { code: string } }).enrolment.code, `cadre ${name}`))
    }
    const observer = devices[4]!

    /** Every row the township holds, refreshed as rows are added: what generated ids point at. */
    const known: Known = { ids: new Map(), receipts: [], home: null }
    let idsCursor = 0
    async function refreshIds() {
      for (let more = true; more; ) {
        const res = await post(`${server.url}/api/sync/pull`, { deviceId: observer.session.deviceId, schemaVersion: SCHEMA_VERSION, cursor: idsCursor, limit: 1000 }, observer.session.token)
        count(res.status)
        if (res.status !== 200) return
        const page = pullResponse.parse(res.json)
        for (const { table, row } of page.rows) {
          known.ids.set(table, [...(known.ids.get(table) ?? []), String(row.id)])
          if (table === 'suggestions') known.receipts.push(String(row.receiptCode))
        }
        idsCursor = page.cursor
        more = page.hasMore
      }
    }

    /** Pull a device to the end from its cursor; false when a page did not answer 200. */
    async function pullToEnd(device: Device): Promise<boolean> {
      for (let pages = 0, more = true; more; pages++) {
        const res = await post(`${server.url}/api/sync/pull`, { deviceId: device.session.deviceId, schemaVersion: SCHEMA_VERSION, cursor: device.cursor, limit: 1000, pendingFrom: null }, device.session.token)
        report.pulls += 1
        count(res.status)
        if (res.status !== 200 || pages > 1000) return false
        const page = pullResponse.parse(res.json)
        device.cursor = page.cursor
        more = page.hasMore
      }
      return true
    }

    /** Push as a phone would: a 413 sends the first half again (src/app/sync/engine.ts). */
    async function pushAsPhone(device: Device, body: unknown, entries: OutboxMutation[]) {
      let res = await post(`${server.url}/api/sync/push`, body, device.session.token)
      report.pushes += 1
      count(res.status)
      while (res.status === 413 && entries.length > 1) {
        entries = entries.slice(0, Math.ceil(entries.length / 2))
        res = await post(`${server.url}/api/sync/push`, { ...(body as object), mutations: entries }, device.session.token)
        report.pushes += 1
        count(res.status)
      }
      return { res, entries }
    }

    function fail(device: Device, why: string): false {
      stuck.add(device.name)
      report.failure ??= `${device.name}: ${why}`
      return false
    }

    await refreshIds()
    const property = fc.asyncProperty(plannedPush, async (plan) => {
      report.runs += 1
      if (report.runs % 20 === 0) await refreshIds()
      const device = devices[plan.device % devices.length]!
      const planned = entriesOf(plan, device, { ...known, home: device.session.village?.id ?? null })
      const body = bodyOf(plan, device, planned)
      const { res, entries } = await pushAsPhone(device, body, planned)
      if (res.status >= 500) return fail(device, `push answered ${res.status}`)
      const phoneSends = plan.envelope === null && pushRequest.safeParse(body).success
      if (phoneSends) {
        if (res.status === 413 && Buffer.byteLength(JSON.stringify(entries[0])) > PUSH_BODY_LIMIT) return true
        if (res.status !== 200) return fail(device, `push answered ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`)
        const answer: PushResponse = pushResponse.parse(res.json)
        const due = inOrderUpTo(entries, device.lastMid)
        if (answer.stopped === 'temporary') return fail(device, `push stopped temporary at mid ${answer.lastMid + 1}`)
        if (answer.lastMid < due) return fail(device, `took up to ${answer.lastMid}, sent in order up to ${due}`)
        const fresh = answer.rejections.filter((r) => r.mid > device.lastMid)
        for (const r of fresh) {
          const key = r.code === 'unknown_mutation' || !r.detail || !/^[a-z_]+$/.test(r.detail) ? r.code : `${r.code} ${r.detail}`
          report.refusals[key] = (report.refusals[key] ?? 0) + 1
        }
        report.applied += Math.max(0, answer.lastMid - device.lastMid - fresh.length)
        device.lastMid = answer.lastMid
      } else if (res.status === 200) {
        device.lastMid = pushResponse.parse(res.json).lastMid
      }
      return (await pullToEnd(device)) || fail(device, 'a pull did not answer 200')
    })
    try {
      await fc.assert(property, { numRuns: options.runs, seed: options.seed, endOnFailure: true })
    } catch (error) {
      report.failure ??= error instanceof Error ? error.message.split('\n').slice(0, 4).join(' ') : String(error)
    }

    // Afterwards every device still goes on: its next mutation is taken and its pulls answer.
    for (const device of devices) {
      const next = { mid: device.lastMid + 1, name: 'meeting.start', args: { id: newId() }, clientTime: new Date().toISOString() }
      const { res } = await pushAsPhone(device, { deviceId: device.session.deviceId, schemaVersion: SCHEMA_VERSION, mutations: [next] }, [next])
      if (res.status !== 200 || pushResponse.parse(res.json).lastMid !== next.mid) fail(device, `afterwards its next mutation was not taken (${res.status})`)
      device.cursor = 0
      if (!(await pullToEnd(device))) fail(device, 'afterwards a pull from 0 did not answer')
    }
    report.stuck = stuck.size
    const refusals = Object.entries(report.refusals).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')
    log(`statuses ${JSON.stringify(report.statuses)}; refusals: ${refusals}; applied ${report.applied}; seed ${options.seed}`)
    report.summary = `push bodies ${report.runs}, pushes ${report.pushes}, pulls ${report.pulls}, 5xx ${report.serverErrors}, stuck devices ${report.stuck}`
    if (report.failure) log(`first failure: ${report.failure}`)
    return report
  } finally {
    await server.stop()
  }
}
