import { availableParallelism } from 'node:os'
import { describe, expect, it } from 'vitest'
import { readConfig } from '../../src/server/config'

describe('readConfig: WORKERS', () => {
  it('runs one process when WORKERS is unset or empty', () => {
    expect(readConfig({}).workers).toBe(1)
    expect(readConfig({ WORKERS: '' }).workers).toBe(1)
  })

  it('takes a whole number from 1 to 64', () => {
    expect(readConfig({ WORKERS: '3' }).workers).toBe(3)
    expect(readConfig({ WORKERS: '1' }).workers).toBe(1)
    expect(readConfig({ WORKERS: '64' }).workers).toBe(64)
  })

  it('takes auto as one process per available core', () => {
    expect(readConfig({ WORKERS: 'auto' }).workers).toBe(availableParallelism())
  })

  it.each(['0', 'abc', '65', '-1', '2.5', '0x10', '1e1', ' 3'])('refuses WORKERS=%s with a message naming WORKERS', (value) => {
    expect(() => readConfig({ WORKERS: value })).toThrow(new RegExp(`^WORKERS .*${value.replace('.', '\\.')}$`))
  })
})

describe('readConfig: TOMBSTONE_DAYS', () => {
  it('keeps tombstones 180 days unless told otherwise', () => {
    expect(readConfig({}).tombstoneDays).toBe(180)
    expect(readConfig({ TOMBSTONE_DAYS: '' }).tombstoneDays).toBe(180)
    expect(readConfig({ TOMBSTONE_DAYS: '30' }).tombstoneDays).toBe(30)
  })

  it.each(['0', 'abc', '3651', '1.5'])('refuses TOMBSTONE_DAYS=%s', (value) => {
    expect(() => readConfig({ TOMBSTONE_DAYS: value })).toThrow(/^TOMBSTONE_DAYS must be 1–3650/)
  })
})
