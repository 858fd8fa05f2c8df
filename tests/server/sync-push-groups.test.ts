import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OutboxMutation } from '@shared/sync/protocol'
import { MUTATIONS_PER_COMMIT } from '../../src/server/sync/push'
import type { TestApp } from './helpers/app'
import { codeOf, enrol, startApp } from './helpers/app'
import { forEachDatabase } from './helpers/databases'
import type { TestDevice } from './helpers/sync'
import { mutation, pull, push, suggestionArgs } from './helpers/sync'

forEachDatabase((makeDb) => {
  let t: TestApp
  let cadre: TestDevice
  let ltc: string
  beforeAll(async () => {
    t = await startApp(makeDb)
    cadre = await enrol(t.app, codeOf(t, 'cadre', '张书记'))
    ltc = t.demo.villages[0]!.id
  })
  afterAll(() => t.close())

  /** `count` new suggestions of 刘土城村 from the device's next mid on. */
  async function nextBatch(device: TestDevice, count: number): Promise<{ first: number; batch: OutboxMutation[] }> {
    const first = (await t.app.ctx.devices.lastMid(device.deviceId)) + 1
    return { first, batch: Array.from({ length: count }, (_, i) => mutation(first + i, 'suggestion.create', suggestionArgs(ltc))) }
  }
  const idOf = (m: OutboxMutation) => (m.args as { id: string }).id
  const stored = async (batch: readonly OutboxMutation[]) =>
    (await Promise.all(batch.map((m) => t.app.ctx.records.get('suggestions', idOf(m))))).filter((row) => row !== undefined).length

  /** Makes the `n`th row write from now on throw, as a full disk would; returns the undo. */
  function failNthWrite(n: number): () => void {
    const writeChange = t.app.ctx.records.writeChange
    let calls = 0
    t.app.ctx.records.writeChange = async (change, trx) => {
      // A full disk may pass later: the push stops to be sent again (not refused for good).
      if (++calls === n) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
      return writeChange(change, trx)
    }
    return () => {
      t.app.ctx.records.writeChange = writeChange
    }
  }

  describe('POST /api/sync/push commits mutations in groups', () => {
    it('keeps the mutations before a failing one, drops the rest and stops', async () => {
      const { first, batch } = await nextBatch(cadre, 5)
      const undo = failNthWrite(3)
      const failed = await push(t.app, cadre, batch).finally(undo)
      expect(failed).toEqual({ status: 200, body: { lastMid: first + 1, rejections: [], stopped: 'temporary' } })
      expect(await stored(batch)).toBe(2)

      const retried = await push(t.app, cadre, batch)
      expect(retried.body).toEqual({ lastMid: first + 4, rejections: [], stopped: null })
      expect(await stored(batch)).toBe(5)
    })

    it('keeps whole groups committed before a failure in a later group', async () => {
      const count = MUTATIONS_PER_COMMIT + 10
      const { first, batch } = await nextBatch(cadre, count)
      const undo = failNthWrite(MUTATIONS_PER_COMMIT + 5)
      const failed = await push(t.app, cadre, batch).finally(undo)
      expect(failed.body).toEqual({ lastMid: first + MUTATIONS_PER_COMMIT + 3, rejections: [], stopped: 'temporary' })
      expect(await stored(batch)).toBe(MUTATIONS_PER_COMMIT + 4)
      expect((await push(t.app, cadre, batch)).body).toMatchObject({ lastMid: first + count - 1, stopped: null })
      expect(await stored(batch)).toBe(count)
    })

    it('keeps nothing of a group whose commit fails, and takes the resent batch once', async () => {
      const { first, batch } = await nextBatch(cadre, 3)
      const { db } = t.app.ctx.database
      const transaction = db.transaction.bind(db)
      // The group runs to its end, then its transaction fails as a failed COMMIT would: all rolled back.
      db.transaction = () => {
        const builder = transaction()
        return Object.assign(Object.create(builder), {
          execute: (work: Parameters<typeof builder.execute>[0]) =>
            builder.execute(async (trx) => {
              await work(trx)
              throw new Error('could not serialize access')
            }),
        })
      }
      const failed = await push(t.app, cadre, batch).finally(() => {
        db.transaction = transaction
      })
      expect(failed.body).toEqual({ lastMid: first - 1, rejections: [], stopped: 'temporary' })
      expect(await stored(batch)).toBe(0)

      expect((await push(t.app, cadre, batch)).body).toEqual({ lastMid: first + 2, rejections: [], stopped: null })
      expect((await push(t.app, cadre, batch)).body).toEqual({ lastMid: first + 2, rejections: [], stopped: null })
      expect(await stored(batch)).toBe(3)
    })

    it('never lets a pull skip a row while other devices commit groups', async () => {
      const collector = await enrol(t.app, codeOf(t, 'collector', '王大姐'))
      const reader = await enrol(t.app, codeOf(t, 'cadre', '刘主任'))
      let cursor = (await pull(t.app, reader)).body.cursor
      const seen = new Set<string>()
      const one = await nextBatch(cadre, MUTATIONS_PER_COMMIT * 2 + 7)
      const two = await nextBatch(collector, 60)
      let pushing = true
      const pushes = Promise.all([push(t.app, cadre, one.batch), push(t.app, collector, two.batch)]).finally(() => {
        pushing = false
      })
      const pullOnce = async () => {
        const { body } = await pull(t.app, reader, { cursor, limit: 7 })
        for (const { row } of body.rows) seen.add(row.id as string)
        cursor = body.cursor
        return body.hasMore
      }
      // Pull with the cursor while the groups commit, then to the end in pulls that all start
      // after the last commit: a pull in flight when the pushes ended may have read its snapshot
      // before the last group was committed, and rightly answered hasMore false.
      while (pushing) await pullOnce()
      await pushes
      while (await pullOnce());
      const created = [...one.batch, ...two.batch].map(idOf)
      expect(await stored([...one.batch, ...two.batch])).toBe(created.length)
      expect(created.filter((id) => !seen.has(id))).toEqual([])
    })
  })
})
