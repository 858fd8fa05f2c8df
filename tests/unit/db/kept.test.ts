import { beforeEach, describe, expect, it, vi } from 'vitest'
import { newId } from '@shared/ids'
import { tableNames } from '@shared/records'
import { useDb } from '@app/db'
import { forgetKept, keepDerived, keptAtStart, keptRead, peekKept, stampOf } from '@app/db/kept'
import { DESK_FIRST_SCREEN_KEY, forgetAtStart, readAtStart } from '@app/db/peek'
import { RECORDS_STAMP_KEY, recordTables } from '@app/db/stamp'
import { aVillage } from '../builders'
import { resetDb } from '../escalation/fixtures'

/** A read of the villages with the stamp of that moment, counting its calls. */
function villageRead() {
  const read = vi.fn(async () => {
    const db = useDb()
    const [villages, stamp] = await db.transaction('r', [db.villages, db.meta], () =>
      Promise.all([db.villages.toArray(), db.meta.get(RECORDS_STAMP_KEY)]))
    return { value: villages.map((v) => v.name).sort(), stamp: stampOf(stamp) }
  })
  return read
}

const keptEntry = async () => (await useDb().meta.get('testKept'))?.value as { stamp: string; value: string[] } | undefined

describe('keptRead', () => {
  beforeEach(async () => {
    // a value kept by the case before lands after its read returned: let it land first
    await new Promise((resolve) => setTimeout(resolve, 10))
    await resetDb()
    forgetKept()
  })

  it('reads once, keeps the value with the stamp, and serves it from memory or the database while no record changes', async () => {
    const read = villageRead()
    const { value: first } = await keptRead('testKept', 'a', read)
    expect(read).toHaveBeenCalledTimes(1)
    await vi.waitFor(async () => expect((await keptEntry())?.stamp).toBe(stampOf(await useDb().meta.get(RECORDS_STAMP_KEY))))
    expect((await keptRead('testKept', 'a', read)).value).toBe(first)
    forgetKept()
    expect((await keptRead('testKept', 'a', read)).value).toEqual(first)
    expect(read).toHaveBeenCalledTimes(1)
  })

  it('reads again once a record is written, and for another scope', async () => {
    const read = villageRead()
    const { value: before } = await keptRead('testKept', 'a', read)
    await useDb().villages.put(aVillage({ id: newId(), name: '新村' }))
    const { value: after } = await keptRead('testKept', 'a', read)
    expect(read).toHaveBeenCalledTimes(2)
    expect(after).toEqual([...before, '新村'].sort())
    await keptRead('testKept', 'b', read)
    expect(read).toHaveBeenCalledTimes(3)
  })

  it('keeps nothing while no record was ever stamped (a read of the records is then the only truth)', async () => {
    await useDb().meta.delete(RECORDS_STAMP_KEY)
    const read = villageRead()
    await keptRead('testKept', 'a', read)
    await keptRead('testKept', 'a', read)
    expect(read).toHaveBeenCalledTimes(2)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(await keptEntry()).toBeUndefined()
  })

  it('is moved by a write to every record table there is', () => {
    expect([...recordTables].sort()).toEqual([...tableNames].sort())
  })

  it('serves a value that is behind, marked so, when someone else will read it anew (the desk worker), and reads it when not', async () => {
    const read = villageRead()
    const { value: before } = await keptRead('testKept', 'a', read)
    await vi.waitFor(async () => expect(await keptEntry()).toBeDefined())
    await useDb().villages.put(aVillage({ id: newId(), name: '新村' }))
    const elsewhere = vi.fn(() => true)
    expect(await keptRead('testKept', 'a', read, { whileBehind: elsewhere })).toMatchObject({ value: before, current: false })
    expect(elsewhere).toHaveBeenCalledTimes(1)
    expect(read).toHaveBeenCalledTimes(1)
    const here = await keptRead('testKept', 'a', read, { whileBehind: () => false })
    expect(here).toMatchObject({ value: [...before, '新村'].sort(), current: true })
    expect(read).toHaveBeenCalledTimes(2)
  })

  it('does not read a kept value back that is behind the records: its head says so', async () => {
    const read = villageRead()
    await keptRead('testKept', 'a', read)
    await vi.waitFor(async () => expect(await keptEntry()).toBeDefined())
    forgetKept()
    const gets = vi.spyOn(useDb().meta, 'get')
    try {
      // Current: read back from the database, not read anew.
      await keptRead('testKept', 'a', read)
      expect(read).toHaveBeenCalledTimes(1)
      expect(gets.mock.calls.map(([key]) => key)).toContain('testKept')
      forgetKept()
      gets.mockClear()
      await useDb().villages.put(aVillage({ id: newId(), name: '新村' }))
      await keptRead('testKept', 'a', read)
      expect(read).toHaveBeenCalledTimes(2)
      expect(gets.mock.calls.map(([key]) => key)).not.toContain('testKept')
    } finally {
      gets.mockRestore()
    }
  })

  it('does not keep a value that a write has already left behind', async () => {
    const read = villageRead()
    await keptRead('testKept', 'a', read)
    await useDb().villages.put(aVillage({ id: newId(), name: '新村' }))
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(await keptEntry()).toBeUndefined()
  })
})

describe('keptAtStart', () => {
  const scope = 'township-1:2026-12-04'
  /** Keeps `value` as the desk's first screen at the records' stamp of now, as the queue does. */
  async function keepFirstScreen(value: string[]): Promise<void> {
    const stamp = stampOf(await useDb().meta.get(RECORDS_STAMP_KEY))
    keepDerived(DESK_FIRST_SCREEN_KEY, scope, stamp, () => value)
    await vi.waitFor(async () => expect((await useDb().meta.get(DESK_FIRST_SCREEN_KEY))?.value).toMatchObject({ value }))
    forgetKept()
  }

  beforeEach(async () => {
    await new Promise((resolve) => setTimeout(resolve, 10))
    await resetDb()
    await useDb().villages.put(aVillage({ id: newId(), name: '老村' }))
    forgetKept()
    forgetAtStart()
  })

  it("serves the first screen the app's first read found with the session, once", async () => {
    await keepFirstScreen(['第一屏'])
    expect(keptAtStart(DESK_FIRST_SCREEN_KEY, scope)).toBeUndefined()
    await readAtStart()
    expect(keptAtStart(DESK_FIRST_SCREEN_KEY, scope)).toEqual(['第一屏'])
    // Taken: a later start of the queue in the same page reads it again (peekKept).
    expect(keptAtStart(DESK_FIRST_SCREEN_KEY, scope)).toBeUndefined()
    expect(await peekKept(DESK_FIRST_SCREEN_KEY, scope)).toEqual(['第一屏'])
  })

  it('answers null when a record changed after the first screen was kept, or for another scope', async () => {
    await keepFirstScreen(['第一屏'])
    await useDb().villages.put(aVillage({ id: newId(), name: '新村' }))
    await readAtStart()
    expect(keptAtStart(DESK_FIRST_SCREEN_KEY, scope)).toBeNull()
    await readAtStart()
    expect(keptAtStart(DESK_FIRST_SCREEN_KEY, 'township-1:2026-12-05')).toBeNull()
  })

  it("forgets the start's read once a record is written in this page, or after the first screen's time", async () => {
    await keepFirstScreen(['第一屏'])
    await readAtStart()
    await useDb().villages.put(aVillage({ id: newId(), name: '新村' }))
    expect(keptAtStart(DESK_FIRST_SCREEN_KEY, scope)).toBeUndefined()

    await keepFirstScreen(['又一屏'])
    await readAtStart()
    const now = performance.now()
    const later = vi.spyOn(performance, 'now').mockReturnValue(now + 2_000)
    try {
      expect(keptAtStart(DESK_FIRST_SCREEN_KEY, scope)).toBeUndefined()
    } finally {
      later.mockRestore()
    }
  })
})
