import { describe, expect, it } from 'vitest'
import { judgeWriteFailure } from '../../src/server/db/failures'

// Which database errors may pass when the push is sent again, and which fail whatever the moment.

const error = (message: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(message), fields)

describe('judgeWriteFailure', () => {
  it.each([
    ['a lost PostgreSQL connection', error('terminating connection due to administrator command', { code: '57P01' })],
    ['a serialization failure', error('could not serialize access', { code: '40001' })],
    ['a deadlock', error('deadlock detected', { code: '40P01' })],
    ['a busy SQLite file', error('database is locked', { code: 'SQLITE_BUSY' })],
    ['a full disk', error('database or disk is full', { code: 'SQLITE_FULL' })],
    ['an I/O error', error('disk I/O error', { code: 'SQLITE_IOERR_WRITE' })],
    ['a refused socket', error('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' })],
    ['pg’s dropped connection', error('Connection terminated unexpectedly')],
  ])('takes %s as passing', (_case, failure) => {
    expect(judgeWriteFailure(failure)).toMatchObject({ transient: true, duplicateOf: null })
  })

  it.each([
    ['a PostgreSQL unique violation', error('duplicate key value violates unique constraint "suggestions_receiptCode_key"', {
      code: '23505', detail: 'Key ("receiptCode")=(AB23CD45) already exists.',
    }), 'receiptCode'],
    ['a SQLite unique violation', error('UNIQUE constraint failed: suggestions.receiptCode', { code: 'SQLITE_CONSTRAINT_UNIQUE' }), 'receiptCode'],
    ['NUL in PostgreSQL text', error('invalid byte sequence for encoding "UTF8": 0x00', { code: '22021' }), null],
    ['a value too long', error('value too long for type character varying(8)', { code: '22001' }), null],
    ['a bug', new TypeError('Cannot read properties of undefined'), null],
  ])('takes %s as failing whatever the moment', (_case, failure, duplicateOf) => {
    expect(judgeWriteFailure(failure)).toMatchObject({ transient: false, duplicateOf })
  })

  it('tells two failures apart by code and message', () => {
    const one = judgeWriteFailure(error('UNIQUE constraint failed: suggestions.receiptCode', { code: 'SQLITE_CONSTRAINT_UNIQUE' }))
    const two = judgeWriteFailure(error('UNIQUE constraint failed: suggestions.id', { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }))
    expect(one.signature).not.toBe(two.signature)
    expect(judgeWriteFailure(error('UNIQUE constraint failed: suggestions.receiptCode', { code: 'SQLITE_CONSTRAINT_UNIQUE' })).signature).toBe(one.signature)
  })
})
