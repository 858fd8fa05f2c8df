import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import type { PullResponse, PushRequest, PushResponse } from '@shared/sync/protocol'
import type { ApiResult } from '@app/api/client'
import { createDb, type YehuaDb } from '@app/db/schema'
import { applyLocal, applyLocalAll } from '@app/db/local'
import { syncOnce } from '@app/sync/engine'
import type { SyncTransport } from '@app/sync/transport'
import { cadreActor, suggestionCreateArgs } from '../builders'
import { addArgs, blobOf, nextId, photoDraft } from './fixtures'

const actor = cadreActor()
const identity = { deviceId: nextId(), token: 't'.repeat(43), actor }
const clock = () => new Date('2026-10-01T12:00:00.000Z')

type Call = { kind: 'put'; sha256: string } | { kind: 'push'; mids: number[] } | { kind: 'pull' }

/**
 * A server stand-in that takes every push (up to its last mid), answers empty pulls and answers
 * blob uploads from `putReply` (default 201); it records the order of calls.
 */
function server(putReply: (sha256: string) => ApiResult<{ sha256: string }> = (sha256) => ({ ok: true, data: { sha256 } })) {
  const calls: Call[] = []
  const pushed: PushRequest['mutations'] = []
  let lastMid = 0
  const transport: SyncTransport = {
    async putBlob(blob) {
      calls.push({ kind: 'put', sha256: blob.sha256 })
      return putReply(blob.sha256)
    },
    async push(request): Promise<ApiResult<PushResponse>> {
      calls.push({ kind: 'push', mids: request.mutations.map((m) => m.mid) })
      pushed.push(...request.mutations)
      lastMid = request.mutations.at(-1)?.mid ?? lastMid
      return { ok: true, data: { lastMid, rejections: [], stopped: null } }
    },
    async pull(): Promise<ApiResult<PullResponse>> {
      calls.push({ kind: 'pull' })
      return { ok: true, data: { rows: [], cursor: 0, hasMore: false, lastMid, rejections: [], reset: false } }
    },
  }
  return { transport, calls, pushed }
}

describe('syncOnce with attachments', () => {
  let db: YehuaDb
  let name: string
  beforeEach(() => {
    name = `upload-${nextId()}`
    db = createDb(name)
  })
  afterEach(async () => {
    db.close()
    await Dexie.delete(name)
  })

  async function suggestionWithPhoto(seed = 1) {
    const suggestion = suggestionCreateArgs()
    const photo = await photoDraft(seed)
    const steps = [
      { name: 'suggestion.create' as const, args: suggestion },
      { name: 'attachment.add' as const, args: addArgs(photo, suggestion.id) },
    ]
    await applyLocalAll(db, steps, actor, { clock, blobs: [blobOf(photo)] })
    return { suggestion, photo }
  }

  it('uploads the photo before pushing the mutation that names it, then marks it uploaded', async () => {
    const { photo } = await suggestionWithPhoto()
    const { transport, calls } = server()

    const outcome = await syncOnce({ db, transport, identity, clock })

    expect(outcome).toEqual({ kind: 'done', pushed: 2, pulled: 0 })
    expect(calls).toEqual([{ kind: 'put', sha256: photo.sha256 }, { kind: 'push', mids: [1, 2] }, { kind: 'pull' }])
    expect(await db.blobs.get(photo.sha256)).toMatchObject({ state: 'uploaded' })
    expect(await db.outbox.count()).toBe(0)
  })

  it('does not upload a blob again once the server has it', async () => {
    const { suggestion, photo } = await suggestionWithPhoto()
    await db.blobs.update(photo.sha256, { state: 'uploaded' })
    await applyLocal(db, 'suggestion.answer', { id: suggestion.id, answer: '已经修好了' }, actor, clock)
    const { transport, calls } = server()

    await syncOnce({ db, transport, identity, clock })

    expect(calls.filter((c) => c.kind === 'put')).toEqual([])
  })

  it('keeps everything queued and the blob pending when the network drops during the upload', async () => {
    const { photo } = await suggestionWithPhoto()
    const { transport, calls } = server(() => ({ ok: false, status: 0, code: 'offline' }))

    const outcome = await syncOnce({ db, transport, identity, clock })

    expect(outcome).toEqual({ kind: 'offline', status: 0 })
    expect(calls).toEqual([{ kind: 'put', sha256: photo.sha256 }])
    expect(await db.blobs.get(photo.sha256)).toMatchObject({ state: 'pending' })
    expect((await db.outbox.toArray()).map((e) => e.mid)).toEqual([1, 2])
  })

  it('retries later on a server error instead of refusing the photo', async () => {
    await suggestionWithPhoto()
    const { transport } = server(() => ({ ok: false, status: 503, code: 'http_503' }))

    expect(await syncOnce({ db, transport, identity, clock })).toEqual({ kind: 'retry', status: 503 })
    expect(await db.rejections.count()).toBe(0)
    expect(await db.outbox.count()).toBe(2)
  })

  it('shows a photo the server refuses as too large as a refused change, and sends the rest with consecutive mids', async () => {
    const tooLarge = await suggestionWithPhoto(1)
    const fine = await suggestionWithPhoto(2)
    const { transport, calls, pushed } = server((sha256) =>
      sha256 === tooLarge.photo.sha256
        ? { ok: false, status: 413, code: 'payload_too_large' }
        : { ok: true, data: { sha256 } },
    )

    const outcome = await syncOnce({ db, transport, identity, clock })

    expect(outcome).toEqual({ kind: 'done', pushed: 3, pulled: 0 })
    expect(pushed.map((m) => [m.mid, m.name, (m.args as { id: string }).id])).toEqual([
      [1, 'suggestion.create', tooLarge.suggestion.id],
      [2, 'suggestion.create', fine.suggestion.id],
      [3, 'attachment.add', fine.photo.id],
    ])
    // Asked once: a refusal is not retried.
    expect(calls.filter((c) => c.kind === 'put' && c.sha256 === tooLarge.photo.sha256)).toHaveLength(1)
    expect(await db.rejections.toArray()).toEqual([
      {
        key: `${identity.deviceId}:blob:${tooLarge.photo.id}`,
        mid: 2,
        name: 'attachment.add',
        args: addArgs(tooLarge.photo, tooLarge.suggestion.id),
        code: 'invalid_args',
        field: 'size',
        detail: 'payload_too_large',
        at: '2026-10-01T12:00:00.000Z',
      },
    ])
    // The suggestion was sent; the photo that was not saved left the phone's screen.
    expect(await db.attachments.get(tooLarge.photo.id)).toBeUndefined()
    expect(await db.blobs.get(tooLarge.photo.sha256)).toMatchObject({ state: 'refused' })
    expect(await db.outbox.count()).toBe(0)
    expect(await db.meta.get('nextMid')).toEqual({ key: 'nextMid', value: 4 })
  })
})
