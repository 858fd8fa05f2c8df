import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import type { PullRequest, PullResponse, PushRequest, PushResponse } from '@shared/sync/protocol'
import type { ApiResult } from '@app/api/client'
import { createDb, type YehuaDb } from '@app/db/schema'
import { applyLocal } from '@app/db/local'
import { syncOnce } from '@app/sync/engine'
import type { SyncTransport } from '@app/sync/transport'
import { aSuggestion, cadreActor, nextId, suggestionCreateArgs } from '../builders'

const actor = cadreActor()
const identity = { deviceId: nextId(), token: 't'.repeat(43), actor }
const clock = () => new Date('2026-10-01T12:00:00.000Z')

type Reply<T> = ApiResult<T> | ((request: never) => Promise<ApiResult<T>>)

/** A transport that answers from a script and records what it was asked. */
function scripted(pushes: Reply<PushResponse>[], pulls: Reply<PullResponse>[]) {
  const sent = { push: [] as PushRequest[], pull: [] as PullRequest[] }
  const next = async <T>(queue: Reply<T>[], request: unknown): Promise<ApiResult<T>> => {
    const reply = queue.shift()
    if (!reply) throw new Error('unexpected request')
    return typeof reply === 'function' ? reply(request as never) : reply
  }
  const transport: SyncTransport = {
    push: async (request) => (sent.push.push(request), next(pushes, request)),
    pull: async (request) => (sent.pull.push(request), next(pulls, request)),
  }
  return { transport, sent }
}

const ok = <T>(data: T): ApiResult<T> => ({ ok: true, data })
const page = (overrides: Partial<PullResponse> = {}): ApiResult<PullResponse> =>
  ok({ rows: [], cursor: 0, hasMore: false, lastMid: 0, rejections: [], reset: false, ...overrides })

describe('syncOnce', () => {
  let db: YehuaDb
  let name: string

  beforeEach(() => {
    name = `sync-${nextId()}`
    db = createDb(name)
  })
  afterEach(async () => {
    db.close()
    await Dexie.delete(name)
  })

  it('pushes the outbox in order, drops what the server took and pulls server rows', async () => {
    const a = suggestionCreateArgs({ id: nextId() })
    const b = suggestionCreateArgs({ id: nextId() })
    await applyLocal(db, 'suggestion.create', a, actor, clock)
    await applyLocal(db, 'suggestion.create', b, actor, clock)
    const serverA = aSuggestion({ id: a.id, version: 7, content: a.content })
    const serverB = aSuggestion({ id: b.id, version: 8, content: b.content })
    const { transport, sent } = scripted(
      [ok({ lastMid: 2, rejections: [], stopped: null })],
      [page({ rows: [{ table: 'suggestions', row: serverA }, { table: 'suggestions', row: serverB }], cursor: 8, lastMid: 2 })],
    )

    const outcome = await syncOnce({ db, transport, identity, clock })

    expect(outcome).toEqual({ kind: 'done', pushed: 2, pulled: 2 })
    expect(sent.push[0]?.mutations.map((m) => m.mid)).toEqual([1, 2])
    expect(sent.pull[0]).toMatchObject({ cursor: 0, pendingFrom: null })
    expect(await db.outbox.count()).toBe(0)
    expect(await db.base.count()).toBe(0)
    expect((await db.suggestions.get(a.id))?.version).toBe(7)
    expect(await db.meta.get('cursor')).toEqual({ key: 'cursor', value: 8 })
  })

  it('pulls page after page from each cursor, asking for the next page before writing the last one', async () => {
    const rows = [aSuggestion({ version: 3 }), aSuggestion({ version: 5 }), aSuggestion({ version: 9 })]
    let written = -1
    const { transport, sent } = scripted(
      [],
      [
        page({ rows: [{ table: 'suggestions', row: rows[0]! }], cursor: 3, hasMore: true }),
        async () => {
          written = await db.suggestions.count()
          return page({ rows: [{ table: 'suggestions', row: rows[1]! }], cursor: 5, hasMore: true })
        },
        page({ rows: [{ table: 'suggestions', row: rows[2]! }], cursor: 9 }),
      ],
    )

    expect(await syncOnce({ db, transport, identity, clock })).toEqual({ kind: 'done', pushed: 0, pulled: 3 })
    expect(sent.pull.map((r) => r.cursor)).toEqual([0, 3, 5])
    // The second page was asked for while the first was still being written.
    expect(written).toBe(0)
    expect(await db.suggestions.count()).toBe(3)
    expect(await db.meta.get('cursor')).toEqual({ key: 'cursor', value: 9 })
  })

  it('removes a refused change from the screen and keeps the refusal with what was not saved', async () => {
    const args = suggestionCreateArgs({ id: nextId() })
    await applyLocal(db, 'suggestion.create', args, actor, clock)
    const { transport } = scripted(
      [ok({ lastMid: 1, rejections: [{ mid: 1, name: 'suggestion.create', code: 'out_of_scope' }], stopped: null })],
      [page({ lastMid: 1 })],
    )

    await syncOnce({ db, transport, identity, clock })

    expect(await db.suggestions.get(args.id)).toBeUndefined()
    expect(await db.rejections.toArray()).toEqual([
      {
        key: `${identity.deviceId}:1`,
        mid: 1,
        name: 'suggestion.create',
        code: 'out_of_scope',
        args,
        at: '2026-10-01T12:00:00.000Z',
      },
    ])
  })

  it('keeps work written during a round on screen on top of the rows the pull brings', async () => {
    const sent = suggestionCreateArgs({ id: nextId() })
    await applyLocal(db, 'suggestion.create', sent, actor, clock)
    const typedMeanwhile = suggestionCreateArgs({ id: nextId(), content: '同步时刚记下的意见' })
    const other = aSuggestion({ id: nextId(), version: 3 })
    const { transport } = scripted(
      [ok({ lastMid: 1, rejections: [], stopped: null })],
      [
        async () => {
          await applyLocal(db, 'suggestion.create', typedMeanwhile, actor, clock)
          return page({ rows: [{ table: 'suggestions', row: other }], cursor: 3, lastMid: 1 })
        },
      ],
    )

    await syncOnce({ db, transport, identity, clock })

    const ids = (await db.suggestions.toArray()).map((s) => s.id)
    expect(ids).toContain(typedMeanwhile.id)
    expect(ids).toContain(other.id)
    expect((await db.outbox.toArray()).map((e) => e.mid)).toEqual([2])
  })

  it('replaces the optimistic row with the server row when a lost push response is acknowledged by the pull', async () => {
    const args = suggestionCreateArgs({ id: nextId() })
    await applyLocal(db, 'suggestion.create', args, actor, clock)
    const server = aSuggestion({ id: args.id, version: 12, content: args.content, receiptCode: args.receiptCode })
    const { transport } = scripted(
      [{ ok: false, status: 0, code: 'offline' }],
      [],
    )
    expect((await syncOnce({ db, transport, identity, clock })).kind).toBe('offline')

    // The server had committed; the next round's push is a duplicate and the pull brings the row.
    const again = scripted(
      [ok({ lastMid: 1, rejections: [], stopped: null })],
      [page({ rows: [{ table: 'suggestions', row: server }], cursor: 12, lastMid: 1 })],
    )
    await syncOnce({ db, transport: again.transport, identity, clock })

    expect(await db.suggestions.get(args.id)).toEqual(server)
    expect(await db.outbox.count()).toBe(0)
    expect(await db.base.count()).toBe(0)
  })

  it('reports a refusal again when the push response that carried it was lost', async () => {
    const args = suggestionCreateArgs({ id: nextId() })
    await applyLocal(db, 'suggestion.create', args, actor, clock)
    const { transport, sent } = scripted(
      [ok({ lastMid: 1, rejections: [{ mid: 1, name: 'suggestion.create', code: 'forbidden' }], stopped: null })],
      [page({ lastMid: 1, rejections: [{ mid: 1, name: 'suggestion.create', code: 'forbidden' }] })],
    )
    await syncOnce({ db, transport, identity, clock })
    expect(await db.rejections.count()).toBe(1)
    expect(sent.pull[0]?.pendingFrom).toBeNull()
  })

  it('drops the local copy and keeps pending work when the server says reset', async () => {
    const stale = aSuggestion({ id: nextId(), version: 2 })
    await db.suggestions.put(stale)
    await db.meta.put({ key: 'cursor', value: 2 })
    const pending = suggestionCreateArgs({ id: nextId() })
    const fresh = aSuggestion({ id: nextId(), version: 40 })
    const { transport, sent } = scripted(
      [],
      [
        async () => {
          await applyLocal(db, 'suggestion.create', pending, actor, clock)
          return page({ rows: [{ table: 'suggestions', row: fresh }], cursor: 40, reset: true })
        },
      ],
    )

    await syncOnce({ db, transport, identity, clock })

    expect(sent.pull[0]?.cursor).toBe(2)
    expect((await db.suggestions.toArray()).map((s) => s.id).sort()).toEqual([pending.id, fresh.id].sort())
    expect(await db.meta.get('cursor')).toEqual({ key: 'cursor', value: 40 })
    expect(await db.outbox.count()).toBe(1)
  })

  it('renumbers pending mids when the server has fewer from this device (enrolled again)', async () => {
    for (let i = 0; i < 3; i++) await applyLocal(db, 'suggestion.create', suggestionCreateArgs({ id: nextId() }), actor, clock)
    await db.outbox.where('mid').belowOrEqual(1).delete() // mid 1 was sent under the old device id
    const { transport, sent } = scripted(
      [
        ok({ lastMid: 0, rejections: [], stopped: 'gap' }),
        ok({ lastMid: 2, rejections: [], stopped: null }),
      ],
      [page({ lastMid: 2 })],
    )
    await syncOnce({ db, transport, identity, clock })
    expect(sent.push.map((p) => p.mutations.map((m) => m.mid))).toEqual([[2, 3], [1, 2]])
    expect(await db.meta.get('nextMid')).toEqual({ key: 'nextMid', value: 3 })
  })

  it.each([
    [{ ok: false, status: 401, code: 'device_revoked' } as const, 'unauthorized'],
    [{ ok: false, status: 426, code: 'schema_too_old' } as const, 'update_required'],
    [{ ok: false, status: 0, code: 'offline' } as const, 'offline'],
  ])('keeps the outbox and does not pull when the push fails with %o', async (reply, kind) => {
    await applyLocal(db, 'suggestion.create', suggestionCreateArgs({ id: nextId() }), actor, clock)
    const { transport, sent } = scripted([reply], [])
    expect((await syncOnce({ db, transport, identity, clock })).kind).toBe(kind)
    expect(await db.outbox.count()).toBe(1)
    expect(sent.pull).toEqual([])
  })

  it('sends smaller batches when a push is too large for the server', async () => {
    for (let i = 0; i < 5; i++) await applyLocal(db, 'suggestion.create', suggestionCreateArgs({ id: nextId() }), actor, clock)
    const tooLarge = { ok: false, status: 413, code: 'payload_too_large' } as const
    const { transport, sent } = scripted(
      [tooLarge, tooLarge, ok({ lastMid: 2, rejections: [], stopped: null }), ok({ lastMid: 4, rejections: [], stopped: null }), ok({ lastMid: 5, rejections: [], stopped: null })],
      [page({ lastMid: 5 })],
    )
    expect(await syncOnce({ db, transport, identity, clock })).toEqual({ kind: 'done', pushed: 5, pulled: 0 })
    expect(sent.push.map((p) => p.mutations.map((m) => m.mid))).toEqual([[1, 2, 3, 4, 5], [1, 2, 3], [1, 2], [3, 4], [5]])
    expect(await db.outbox.count()).toBe(0)
  })

  it.each([
    ['the server stops it (temporary)', ok({ lastMid: 0, rejections: [], stopped: 'temporary' as const })],
    ['it fails with 500', { ok: false, status: 500, code: 'internal_error' } as const],
    ['it is too large (413)', { ok: false, status: 413, code: 'payload_too_large' } as const],
  ])('keeps pulling when the push cannot go through because %s, and retries later', async (_case, reply) => {
    const mine = suggestionCreateArgs({ id: nextId() })
    await applyLocal(db, 'suggestion.create', mine, actor, clock)
    const fromAnotherPhone = aSuggestion({ id: nextId(), version: 30 })
    const { transport, sent } = scripted([reply], [page({ rows: [{ table: 'suggestions', row: fromAnotherPhone }], cursor: 30 })])

    expect(await syncOnce({ db, transport, identity, clock })).toEqual({ kind: 'retry', status: reply.ok ? 200 : reply.status })
    expect(sent.pull[0]).toMatchObject({ cursor: 0, pendingFrom: 1 })
    expect(await db.suggestions.get(fromAnotherPhone.id)).toEqual(fromAnotherPhone)
    expect(await db.meta.get('cursor')).toEqual({ key: 'cursor', value: 30 })
    // The unsent change is still queued and still on screen.
    expect((await db.outbox.toArray()).map((e) => e.mid)).toEqual([1])
    expect(await db.suggestions.get(mine.id)).toMatchObject({ content: mine.content })
  })
})
