import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import type { Actor } from '@shared/actor'
import type { CreateSuggestionArgs } from '@shared/mutations/suggestion'
import { newId } from '@shared/ids'
import { createDb, type YehuaDb } from '@app/db/schema'
import { applyLocal } from '@app/db/local'
import { StorageError, classifyStorageError } from '@app/db/errors'

const villageId = '0192f000-0000-7000-8000-000000000001'
const cadre: Actor = {
  role: 'cadre',
  memberId: '0192f000-0000-7000-8000-0000000000c1',
  villageId,
  townshipId: '0192f000-0000-7000-8000-0000000000a1',
}

function suggestionArgs(overrides: Partial<CreateSuggestionArgs> = {}): CreateSuggestionArgs {
  return {
    id: newId(),
    villageId,
    content: '村东头的路灯坏了三个月',
    category: 'infrastructure',
    source: 'collector',
    submitterName: '王大爷',
    submitterPhone: '13812345678',
    publicName: false,
    receiptCode: 'ABCD2345',
    attachmentIds: [],
    ...overrides,
  }
}

const fixedClock = () => new Date('2026-10-01T12:00:00.000Z')

describe('applyLocal', () => {
  let db: YehuaDb
  let name: string

  beforeEach(() => {
    name = `test-${newId()}`
    db = createDb(name)
  })
  afterEach(async () => {
    db.close()
    await Dexie.delete(name)
  })

  it('writes the row and its outbox entry together', async () => {
    const args = suggestionArgs()
    const result = await applyLocal(db, 'suggestion.create', args, cadre, fixedClock)

    expect(result.ok).toBe(true)
    const row = await db.suggestions.get(args.id)
    expect(row).toMatchObject({
      id: args.id,
      villageId,
      content: '村东头的路灯坏了三个月',
      status: 'new',
      enteredBy: cadre.memberId,
      createdAt: '2026-10-01T12:00:00.000Z',
    })
    expect(await db.outbox.toArray()).toEqual([
      { mid: 1, name: 'suggestion.create', args, clientTime: '2026-10-01T12:00:00.000Z' },
    ])
  })

  it('writes neither row nor outbox entry when the mutation is refused', async () => {
    const args = suggestionArgs({ content: '坏' })
    const result = await applyLocal(db, 'suggestion.create', args, cadre, fixedClock)

    expect(result).toEqual({
      ok: false,
      rejection: { code: 'invalid_args', field: 'content', detail: 'content_too_short' },
    })
    expect(await db.suggestions.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
  })

  it('leaves neither row nor outbox entry when the outbox write fails', async () => {
    db.outbox.hook('creating', () => {
      throw new Error('disk full')
    })
    const args = suggestionArgs()

    await expect(applyLocal(db, 'suggestion.create', args, cadre, fixedClock)).rejects.toBeInstanceOf(StorageError)
    expect(await db.suggestions.get(args.id)).toBeUndefined()
    expect(await db.outbox.count()).toBe(0)
    expect(await db.meta.get('nextMid')).toBeUndefined()
  })

  it('counts mid up by one per write, across reopening the database', async () => {
    await applyLocal(db, 'suggestion.create', suggestionArgs(), cadre, fixedClock)
    await applyLocal(db, 'suggestion.create', suggestionArgs(), cadre, fixedClock)
    db.close()

    const reopened = createDb(name)
    await applyLocal(reopened, 'suggestion.create', suggestionArgs(), cadre, fixedClock)
    expect((await reopened.outbox.toArray()).map((e) => e.mid)).toEqual([1, 2, 3])
    expect(await reopened.suggestions.count()).toBe(3)
    reopened.close()
  })

  it('does not reuse a mid after the outbox was emptied by a sync', async () => {
    await applyLocal(db, 'suggestion.create', suggestionArgs(), cadre, fixedClock)
    await db.outbox.clear()
    await applyLocal(db, 'suggestion.create', suggestionArgs(), cadre, fixedClock)
    expect((await db.outbox.toArray()).map((e) => e.mid)).toEqual([2])
  })
})

describe('classifyStorageError', () => {
  const domError = (name: string) => Object.assign(new Error(name), { name })

  it.each([
    ['a plain QuotaExceededError', domError('QuotaExceededError'), 'quota'],
    ['Dexie AbortError wrapping a quota error', Object.assign(domError('AbortError'), { inner: domError('QuotaExceededError') }), 'quota'],
    ['OpenFailedError wrapping a quota error', Object.assign(domError('OpenFailedError'), { inner: domError('QuotaExceededError') }), 'quota'],
    ['no IndexedDB (MissingAPIError)', domError('MissingAPIError'), 'unavailable'],
    ['private mode (OpenFailedError wrapping InvalidStateError)', Object.assign(domError('OpenFailedError'), { inner: domError('InvalidStateError') }), 'unavailable'],
    ['a closed database', domError('DatabaseClosedError'), 'closed'],
    ['anything else', new Error('boom'), 'unknown'],
  ])('classifies %s', (_label, error, expected) => {
    expect(classifyStorageError(error)).toBe(expected)
  })
})
