import type { FastifyInstance } from 'fastify'
import { newId, newReceiptCode } from '@shared/ids'
import { SCHEMA_VERSION } from '@shared/sync/protocol'
import type { OutboxMutation, PullResponse, PushResponse } from '@shared/sync/protocol'

/** An enrolled test device: what the app keeps after enrolling. */
export interface TestDevice {
  deviceId: string
  auth: { authorization: string }
}

/** Arguments of `suggestion.create`, with overrides. */
export function suggestionArgs(villageId: string, overrides: Record<string, unknown> = {}) {
  return {
    id: newId(), villageId, content: '村口的井盖松了，晚上路过危险。', category: 'infrastructure', source: 'on_site',
    submitterName: '周大爷', submitterPhone: null, publicName: false, receiptCode: newReceiptCode(), attachmentIds: [],
    ...overrides,
  }
}

/** An outbox entry. */
export function mutation(mid: number, name: string, args: unknown): OutboxMutation {
  return { mid, name, args, clientTime: '2026-11-20T03:59:00.000Z' }
}

export async function push(app: FastifyInstance, device: TestDevice, mutations: OutboxMutation[], overrides: object = {}) {
  const res = await app.inject({
    method: 'POST', url: '/api/sync/push', headers: device.auth,
    payload: { deviceId: device.deviceId, schemaVersion: SCHEMA_VERSION, mutations, ...overrides },
  })
  return { status: res.statusCode, body: res.json<PushResponse & { error?: { code: string } }>() }
}

export async function pull(
  app: FastifyInstance,
  device: TestDevice,
  request: { cursor?: number; limit?: number; pendingFrom?: number | null } = {},
) {
  const res = await app.inject({
    method: 'POST', url: '/api/sync/pull', headers: device.auth,
    payload: { deviceId: device.deviceId, schemaVersion: SCHEMA_VERSION, cursor: 0, limit: 1000, pendingFrom: null, ...request },
  })
  return { status: res.statusCode, body: res.json<PullResponse & { error?: { code: string } }>() }
}

/** Pull every page from a cursor; returns the rows in order and the final page. */
export async function pullAll(app: FastifyInstance, device: TestDevice, cursor = 0, limit = 1000) {
  const rows: PullResponse['rows'] = []
  for (let pages = 0; pages < 1000; pages++) {
    const { status, body } = await pull(app, device, { cursor, limit })
    if (status !== 200) throw new Error(`pull failed: ${status}`)
    rows.push(...body.rows)
    cursor = body.cursor
    if (!body.hasMore) return { rows, last: body }
  }
  throw new Error('pull did not finish')
}
