import { brotliDecompressSync } from 'node:zlib'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Suggestion } from '@shared/records'
import { newId, newReceiptCode } from '@shared/ids'
import { SCHEMA_VERSION } from '@shared/sync/protocol'
import type { PullResponse } from '@shared/sync/protocol'
import { PAGE_BYTES } from '../../src/server/sync/pull'
import type { TestApp } from './helpers/app'
import { enrolAs, startApp } from './helpers/app'
import { forEachDatabase } from './helpers/databases'
import type { TestDevice } from './helpers/sync'
import { mutation, pull, push, suggestionArgs } from './helpers/sync'

// A pull page is bounded by bytes as well as rows: rows an older server stored with huge texts
// (issue 12: 160 suggestions with 10 strings of 390 KB each made the first pull answer 500) are
// handed out over several pages, a row larger than a page alone on its own.

forEachDatabase((makeDb) => {
  let t: TestApp
  let ltc: string
  beforeEach(async () => {
    t = await startApp(makeDb)
    ltc = t.demo.villages[0]!.id
  })
  afterEach(() => t.close())

  /** Store suggestions as a server without argument bounds did, with `chars` characters of text each. */
  async function storeLarge(count: number, chars: number): Promise<Suggestion[]> {
    const now = t.clock().toISOString()
    const rows: Suggestion[] = []
    for (let i = 0; i < count; i++) {
      rows.push(await t.db.handle.db.transaction().execute((trx) => t.app.ctx.records.write('suggestions', {
        id: newId(), version: 0, createdAt: now, updatedAt: now, deletedAt: null, villageId: ltc,
        content: `第${i}条`.padEnd(chars, '长'), category: 'other', source: 'on_site', submitterName: null,
        submitterPhone: null, publicName: false, enteredBy: null, receiptCode: newReceiptCode(), status: 'new',
        topicId: null, mergedInto: null, answer: null, declineReason: null, rating: null,
        attachmentIds: Array.from({ length: 10 }, (_, k) => `${i}-${k}`.padEnd(chars / 10, 'x')),
      }, trx)))
    }
    return rows
  }

  /** Every page from 0 with the largest row limit, and the bytes of each page's rows. */
  async function pages(device: TestDevice) {
    const seen: { rows: PullResponse['rows']; bytes: number; hasMore: boolean }[] = []
    for (let cursor = 0, more = true; more; ) {
      const res = await pull(t.app, device, { cursor, limit: 1000 })
      expect(res.status).toBe(200)
      seen.push({ rows: res.body.rows, bytes: Buffer.byteLength(JSON.stringify(res.body.rows)), hasMore: res.body.hasMore })
      cursor = res.body.cursor
      more = res.body.hasMore
      if (seen.length > 100) throw new Error('the pull did not end')
    }
    return seen
  }

  it('splits rows of a few MB over pages of about PAGE_BYTES, each row once and in version order', async () => {
    const large = await storeLarge(12, 300_000)
    const rowBytes = Buffer.byteLength(JSON.stringify({ table: 'suggestions', row: large[0] }))
    const cadre = await enrolAs(t, 'cadre', '张书记')
    const seen = await pages(cadre)
    expect(seen.length).toBeGreaterThan(2)
    for (const page of seen) expect(page.bytes).toBeLessThanOrEqual(PAGE_BYTES + rowBytes)
    const rows = seen.flatMap((page) => page.rows)
    const versions = rows.map((r) => r.row.version as number)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(new Set(versions).size).toBe(versions.length)
    expect(rows.filter((r) => r.table === 'suggestions').map((r) => r.row.id)).toEqual(expect.arrayContaining(large.map((s) => s.id)))
    expect(seen.map((page) => page.hasMore)).toEqual([...seen.slice(1).map(() => true), false])
  })

  it('hands out a row larger than a page as the last on its page, then goes on', async () => {
    const [huge] = await storeLarge(1, 3_000_000)
    const after = suggestionArgs(ltc)
    const cadre = await enrolAs(t, 'cadre', '张书记')
    expect((await push(t.app, cadre, [mutation(1, 'suggestion.create', after)])).body.lastMid).toBe(1)
    const seen = await pages(cadre)
    const holding = seen.findIndex((page) => page.rows.some((r) => r.row.id === huge!.id))
    expect(seen[holding]!.rows.at(-1)!.row.id).toBe(huge!.id)
    expect(seen[holding]!.hasMore).toBe(true)
    expect(seen[holding + 1]!.rows.map((r) => r.row.id)).toEqual([after.id])
  })

  it('gives a second phone the same pages from the cache, compressed or not', async () => {
    await storeLarge(8, 300_000)
    const first = await pages(await enrolAs(t, 'cadre', '张书记'))
    const other = await enrolAs(t, 'cadre', '刘主任')
    expect(await pages(other)).toEqual(first)
    const res = await t.app.inject({
      method: 'POST', url: '/api/sync/pull', headers: { ...other.auth, 'accept-encoding': 'br' },
      payload: { deviceId: other.deviceId, schemaVersion: SCHEMA_VERSION, cursor: 0, limit: 1000, pendingFrom: null },
    })
    expect(res.headers['content-encoding']).toBe('br')
    expect(JSON.parse(brotliDecompressSync(res.rawPayload).toString()).rows).toEqual(first[0]!.rows)
  })

  it('refuses, in words, a suggestion whose attachment ids are not ids, so no such row is stored again', async () => {
    const cadre = await enrolAs(t, 'cadre', '张书记')
    const args = suggestionArgs(ltc, { attachmentIds: Array.from({ length: 10 }, (_, k) => `${k}`.padEnd(390_000, 'x')) })
    const res = await push(t.app, cadre, [mutation(1, 'suggestion.create', args), mutation(2, 'suggestion.create', suggestionArgs(ltc))])
    expect(res.body).toEqual({
      lastMid: 2, stopped: null,
      rejections: [{ mid: 1, name: 'suggestion.create', code: 'invalid_args', field: 'attachmentIds.0', detail: 'id_invalid' }],
    })
    expect(await t.app.ctx.records.get('suggestions', args.id)).toBeUndefined()
  })
})
