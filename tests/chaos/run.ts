import 'fake-indexeddb/auto'
import { randomBytes } from 'node:crypto'
import Dexie from 'dexie'
import type { EnrolResponse } from '@shared/api/identity'
import type { Suggestion } from '@shared/records'
import { newId, newReceiptCode } from '@shared/ids'
import type { MutationName } from '@shared/mutations'
import { SCHEMA_VERSION, type PullResponse } from '@shared/sync/protocol'
import { createDb, type YehuaDb } from '@app/db/schema'
import { applyLocal } from '@app/db/local'
import { syncOnce, type SyncIdentity } from '@app/sync/engine'
import { httpTransport } from '@app/sync/transport'
import { startFaultProxy } from './proxy'
import type { FaultProxy } from './proxy'
import { demoCodes, startServerProcess } from './serverProcess'
import { seeded } from '../../scripts/bench/random'

export interface ChaosOptions {
  devices: number
  mutations: number
  faults: number
  restarts: number
  seed: number
  /** PostgreSQL URL for the server; SQLite when absent. */
  databaseUrl?: string
  /**
   * Server processes on the one database (default 1), each with its own data folder, started one
   * after the other; every request of every phone goes to one of them at random.
   */
  servers?: number
  log?: (line: string) => void
}

export interface ChaosReport {
  servers: number
  devices: number
  mutations: number
  faults: number
  restarts: number
  refused: number
  lost: number
  duplicated: number
  unreported: number
  converged: boolean
  seconds: number
  summary: string
}

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as T
}

/** What a device did, to check against the server at the end. */
interface Intent {
  mid: number
  name: MutationName
  suggestionId: string
  /** The text that marks this mutation's effect on the server row. */
  mark: string
}

interface SimDevice {
  index: number
  db: YehuaDb
  dbName: string
  identity: SyncIdentity
  online: boolean
  intents: Intent[]
}

/** Every row of the village the server holds, read as a fresh device would pull it. */
async function serverSuggestions(url: string, session: EnrolResponse): Promise<Map<string, Suggestion>> {
  const rows = new Map<string, Suggestion>()
  let cursor = 0
  for (;;) {
    const page = await post<PullResponse>(
      `${url}/api/sync/pull`,
      { deviceId: session.deviceId, schemaVersion: SCHEMA_VERSION, cursor, limit: 1000, pendingFrom: null },
      session.token,
    )
    for (const { table, row } of page.rows) if (table === 'suggestions') rows.set(String(row.id), row as unknown as Suggestion)
    cursor = page.cursor
    if (!page.hasMore) return rows
  }
}

/**
 * Several simulated phones running the real client sync engine (fake-indexeddb) against the real
 * server behind a fault-injecting proxy, with server crashes mid-run. Checks that every device
 * converges to the server, nothing accepted is lost or applied twice, and every refusal is
 * reported on the device that made it.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now()
  const log = options.log ?? (() => {})
  const random = seeded(options.seed)
  // Servers on one database hash enrolment codes with one key: CODE_SECRET, as README says.
  const shared = { CODE_SECRET: randomBytes(32).toString('hex'), ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}) }
  const server = await startServerProcess(shared)
  const servers = [server]
  const devices: SimDevice[] = []
  let proxy: FaultProxy | null = null
  try {
    // The others start once the first has migrated and seeded; they seed no demo township.
    for (let i = 1; i < (options.servers ?? 1); i++) servers.push(await startServerProcess({ ...shared, DEMO: 'off' }))
    proxy = await startFaultProxy({ targets: servers.map((s) => s.url), rate: 0.25, budget: options.faults, random })
    const codes = await demoCodes(server.dataDir)
    const adminCode = codes.find((c) => c.role === 'admin')!.code
    const cadreCode = codes.find((c) => c.role === 'cadre' && c.village === '刘土城村')!.code
    const admin = await post<EnrolResponse>(`${server.url}/api/enrol`, { code: adminCode, label: 'chaos admin' })
    const observer = await post<EnrolResponse>(`${server.url}/api/enrol`, { code: cadreCode, label: 'chaos observer' })
    const villageId = observer.village!.id

    for (let i = 0; i < options.devices; i++) {
      const created = await post<{ enrolment: { code: string } }>(
        `${server.url}/api/admin/members`,
        { role: 'cadre', name: `测试干部${i + 1}`, villageId },
        admin.token,
      )
      // A code issued by one server is taken by another.
      const enrolAt = servers[i % servers.length]!.url
      const session = await post<EnrolResponse>(`${enrolAt}/api/enrol`, { code: created.enrolment.code, label: `chaos ${i}` })
      const dbName = `chaos-${options.seed}-${i}-${newId()}`
      devices.push({
        index: i,
        db: createDb(dbName),
        dbName,
        identity: { deviceId: session.deviceId, token: session.token, actor: session.actor },
        online: true,
        intents: [],
      })
    }
    const transport = httpTransport(proxy.url)
    const restartAt = new Set(
      Array.from({ length: options.restarts }, (_, k) => Math.floor(((k + 1) * options.mutations) / (options.restarts + 1))),
    )

    async function act(device: SimDevice, n: number): Promise<void> {
      const visible = (await device.db.suggestions.where('status').equals('new').toArray()).filter((s) => s.villageId === villageId)
      const target = visible[Math.floor(random() * visible.length)]
      const mark = `d${device.index}-n${n}`
      let name: MutationName = 'suggestion.create'
      let args: unknown
      let suggestionId: string
      const roll = random()
      if (target && roll < 0.25) {
        name = 'suggestion.answer'
        suggestionId = target.id
        args = { id: target.id, answer: `答复 ${mark}` }
      } else if (target && roll < 0.4) {
        name = 'suggestion.decline'
        suggestionId = target.id
        args = { id: target.id, reason: `不采纳 ${mark}` }
      } else {
        suggestionId = newId()
        args = {
          id: suggestionId, villageId, content: `意见 ${mark}`, category: 'other', source: 'collector',
          submitterName: null, submitterPhone: null, publicName: false, receiptCode: newReceiptCode(), attachmentIds: [],
        }
      }
      const result = await applyLocal(device.db, name, args, device.identity.actor)
      if (!result.ok) throw new Error(`local refusal in chaos run: ${JSON.stringify(result.rejection)}`)
      const mid = (await device.db.outbox.orderBy('mid').last())!.mid
      device.intents.push({ mid, name, suggestionId, mark })
    }

    async function syncDevice(device: SimDevice) {
      if (!device.online) return
      await syncOnce({ db: device.db, transport, identity: device.identity, pullLimit: 50 })
    }

    let restarts = 0
    for (let n = 1; n <= options.mutations; n++) {
      const device = devices[Math.floor(random() * devices.length)]!
      await act(device, n)
      if (random() < 0.05) device.online = !device.online
      // Devices sync at random moments, several at once, like phones in a square.
      if (random() < 0.3) await Promise.all(devices.filter(() => random() < 0.5).map(syncDevice))
      if (restartAt.has(n)) {
        const victim = servers[restarts % servers.length]!
        log(`restart ${restarts + 1} after ${n} mutations (server ${servers.indexOf(victim) + 1} killed mid-run)`)
        await Promise.all([victim.restart(), syncDevice(devices[0]!).catch(() => undefined)])
        restarts += 1
      }
    }

    // Fewer requests than faults asked for (pushes go in groups): keep every device syncing through
    // the faulty proxy until the fault budget is spent, so each run injects what it promises.
    for (const device of devices) device.online = true
    for (let round = 0; proxy.total() < options.faults && round < 500; round++) {
      await Promise.all(devices.map((device) => syncDevice(device).catch(() => undefined)))
    }

    // Signal returns for everyone; faults stop; sync until every outbox is empty, then once more.
    proxy.calm()
    for (const device of devices) device.online = true
    for (let round = 0; round < 10; round++) {
      for (const device of devices) await syncDevice(device)
      const pending = await Promise.all(devices.map((d) => d.db.outbox.count()))
      if (pending.every((p) => p === 0)) break
    }
    for (const device of devices) await syncDevice(device)

    const truth = await serverSuggestions(server.url, observer)
    let lost = 0
    let duplicated = 0
    let unreported = 0
    let refused = 0
    let converged = true
    for (const device of devices) {
      const rejections = new Map((await device.db.rejections.toArray()).map((r) => [r.mid, r]))
      refused += rejections.size
      if ((await device.db.outbox.count()) > 0) converged = false
      for (const intent of device.intents) {
        const row = truth.get(intent.suggestionId)
        const rejection = rejections.get(intent.mid)
        const applied =
          intent.name === 'suggestion.create'
            ? row?.content === `意见 ${intent.mark}`
            : intent.name === 'suggestion.answer'
              ? row?.answer === `答复 ${intent.mark}`
              : row?.declineReason === `不采纳 ${intent.mark}`
        if (applied && rejection) {
          // Applied and yet reported refused: the mutation reached the server twice.
          duplicated += 1
        } else if (!applied && !rejection) {
          // Neither on the server nor refused: lost, or refused without the device being told.
          if (intent.name === 'suggestion.create') lost += 1
          else unreported += 1
        }
      }
      const local = await device.db.suggestions.toArray()
      const mismatch = local.length !== truth.size || local.some((s) => JSON.stringify(s) !== JSON.stringify(truth.get(s.id)))
      if (mismatch) {
        converged = false
        log(`device ${device.index}: ${local.length} rows locally, ${truth.size} on the server`)
      }
    }
    const total = devices.reduce((sum, d) => sum + d.intents.length, 0)
    const seconds = (Date.now() - started) / 1000
    const summary =
      `${servers.length > 1 ? `servers ${servers.length}, ` : ''}devices ${devices.length}, mutations ${total}, faults ${proxy.total()}, ` +
      `restarts ${restarts}, lost ${lost + unreported}, duplicated ${duplicated}, converged ${converged ? 'yes' : 'no'}`
    log(`faults by kind: ${JSON.stringify(proxy.injected)}; refused and reported: ${refused}; seed ${options.seed}; ${seconds.toFixed(1)} s`)
    return {
      servers: servers.length, devices: devices.length, mutations: total, faults: proxy.total(), restarts, refused,
      lost, duplicated, unreported, converged, seconds, summary,
    }
  } finally {
    await proxy?.close()
    for (const one of servers) await one.stop()
    for (const device of devices) {
      device.db.close()
      await Dexie.delete(device.dbName)
    }
  }
}
