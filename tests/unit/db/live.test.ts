import { describe, expect, it } from 'vitest'
import { live } from '@app/db/live'

describe('live', () => {
  it('keeps the rows that exist and are not tombstones, in order', () => {
    const a = { id: 'a', deletedAt: null }
    const gone = { id: 'b', deletedAt: '2025-03-01T12:00:00.000Z' }
    const c = { id: 'c', deletedAt: null }
    expect(live([a, undefined, gone, c])).toEqual([a, c])
  })
})
