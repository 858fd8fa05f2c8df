// fake-indexeddb must install itself before Dexie loads: Dexie reads the global `indexedDB` once.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import type { EnrolResponse } from '@shared/api/identity'
import { newId, newReceiptCode } from '@shared/ids'
import { applyLocal } from '@app/db/local'
import { createDb } from '@app/db/schema'
import { syncOnce } from '@app/sync/engine'
import { httpTransport } from '@app/sync/transport'
import type { SyncTransport } from '@app/sync/transport'
import type { Kysely } from 'kysely'
import type { Database } from '../../src/server/db/schema'
import type { RunningServer } from '../../tests/e2e/support/server'

export interface PushFigures {
  mutations: number
  /** Writing them on the device (applyLocal, one IndexedDB transaction each); not part of the push. */
  queueMs: number
  /** From the start of the sync round until the last batch was acknowledged and dropped. */
  pushMs: number
  /** Push requests sent (the engine sends up to 200 mutations each). */
  requests: number
  /** Summed request round trips on loopback: the server's share of `pushMs`. */
  serverMs: number
  /** The whole round, including pulling the new rows back. */
  roundMs: number
  pulled: number
}

/**
 * A phone (the real client engine on fake-indexeddb in Node) records `count` suggestions while
 * offline, then one sync round pushes them all. Throws unless every one arrived on the server.
 */
export async function benchPush(
  server: RunningServer,
  session: EnrolResponse,
  db: Kysely<Database>,
  count: number,
): Promise<PushFigures> {
  const villageId = session.village!.id
  const name = `bench-push-${newId()}`
  const device = createDb(name)
  try {
    const queued = performance.now()
    for (let i = 0; i < count; i++) {
      const args = {
        id: newId(), villageId, content: `第${i + 1}条：村里的路灯和排水沟该修一修了`, category: 'infrastructure',
        source: 'collector', submitterName: null, submitterPhone: null, publicName: false,
        receiptCode: newReceiptCode(), attachmentIds: [],
      }
      const result = await applyLocal(device, 'suggestion.create', args, session.actor)
      if (!result.ok) throw new Error(`the device refused its own write: ${JSON.stringify(result.rejection)}`)
    }
    const queueMs = performance.now() - queued

    const http = httpTransport(server.url)
    let requests = 0
    let serverMs = 0
    let pushedAt: number | null = null
    const timed: SyncTransport = {
      async push(request, token) {
        const sent = performance.now()
        const response = await http.push(request, token)
        serverMs += performance.now() - sent
        requests += 1
        return response
      },
      pull(request, token) {
        pushedAt ??= performance.now()
        return http.pull(request, token)
      },
    }
    const started = performance.now()
    const identity = { deviceId: session.deviceId, token: session.token, actor: session.actor }
    const outcome = await syncOnce({ db: device, transport: timed, identity })
    const roundMs = performance.now() - started

    if (outcome.kind !== 'done') throw new Error(`push round ended ${JSON.stringify(outcome)}`)
    const left = await device.outbox.count()
    const refused = await device.rejections.count()
    const stored = await db
      .selectFrom('suggestions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('villageId', '=', villageId)
      .executeTakeFirstOrThrow()
    if (outcome.pushed !== count || left !== 0 || refused !== 0 || Number(stored.n) !== count) {
      throw new Error(`push incomplete: pushed ${outcome.pushed}, outbox ${left}, refused ${refused}, on server ${stored.n}`)
    }
    return { mutations: count, queueMs, pushMs: (pushedAt ?? performance.now()) - started, requests, serverMs, roundMs, pulled: outcome.pulled }
  } finally {
    device.close()
    await Dexie.delete(name)
  }
}
