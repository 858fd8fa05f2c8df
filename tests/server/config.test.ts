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

describe('readConfig: TRUST_PROXY', () => {
  it.each([
    [undefined, false], ['', false], ['off', false], ['0', false], ['false', false],
    ['1', 1], ['2', 2],
    ['127.0.0.1', '127.0.0.1'], ['loopback, 10.0.0.0/8', 'loopback,10.0.0.0/8'], ['::1', '::1'],
  ])('reads TRUST_PROXY=%s as %j', (value, trust) => {
    expect(readConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toBe(trust)
  })

  it.each(['on', 'true', 'yes'])('refuses TRUST_PROXY=%s, which would trust every X-Forwarded-For entry', (value) => {
    expect(() => readConfig({ TRUST_PROXY: value })).toThrow(/^TRUST_PROXY=.* would trust every X-Forwarded-For entry/)
  })

  it.each(['11', 'nginx', '1.2.3.4; rm'])('refuses TRUST_PROXY=%s', (value) => {
    expect(() => readConfig({ TRUST_PROXY: value })).toThrow(/^TRUST_PROXY must be/)
  })
})

describe('readConfig: CODE_SECRET and ENROL_FAILURES_PER_HOUR', () => {
  it('takes a code secret of 32 characters or more, and none when unset', () => {
    expect(readConfig({}).codeSecret).toBeNull()
    expect(readConfig({ CODE_SECRET: 'x'.repeat(32) }).codeSecret).toBe('x'.repeat(32))
    expect(() => readConfig({ CODE_SECRET: 'short' })).toThrow(/^CODE_SECRET must be at least 32 characters/)
  })

  it('counts 100 wrong enrolment codes an hour unless told otherwise', () => {
    expect(readConfig({}).enrolFailuresPerHour).toBe(100)
    expect(readConfig({ ENROL_FAILURES_PER_HOUR: '500' }).enrolFailuresPerHour).toBe(500)
    expect(() => readConfig({ ENROL_FAILURES_PER_HOUR: '0' })).toThrow(/^ENROL_FAILURES_PER_HOUR must be/)
  })
})
