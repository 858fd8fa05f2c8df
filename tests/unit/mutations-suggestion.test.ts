import { describe, expect, it } from 'vitest'
import type { Actor } from '@shared/actor'
import { runMutation } from '@shared/mutations'
import { suggestion } from '@shared/records'
import {
  adminActor, aSuggestion, cadreActor, collectorActor, ids, memoryLoader, NOW, suggestionCreateArgs,
  townshipActor, villagerActor,
} from './builders'

function create(args: unknown, actor: Actor, loader = memoryLoader()) {
  return runMutation('suggestion.create', args, actor, NOW, loader)
}

describe('suggestion.create', () => {
  it('records a cadre\'s on-site suggestion as a new row entered by the cadre', async () => {
    const args = suggestionCreateArgs({ source: 'on_site', publicName: true })
    expect(await create(args, cadreActor())).toEqual({
      ok: true,
      changes: [{
        table: 'suggestions',
        row: {
          id: args.id,
          version: 0,
          createdAt: NOW,
          updatedAt: NOW,
          deletedAt: null,
          villageId: ids.village,
          content: '村东头路灯坏了，晚上看不见路',
          category: 'infrastructure',
          source: 'on_site',
          submitterName: '李大爷',
          submitterPhone: '13800000000',
          publicName: true,
          enteredBy: ids.cadre,
          receiptCode: 'AB23CD45',
          status: 'new',
          topicId: null,
          mergedInto: null,
          answer: null,
          declineReason: null,
          rating: null,
          attachmentIds: [],
        },
      }],
    })
  })

  it.each(['collector', 'on_site', 'hotline'] as const)('accepts a member recording with source %s', async (source) => {
    const result = await create(suggestionCreateArgs({ source }), cadreActor())
    expect(result.ok && result.changes[0]?.row).toMatchObject({ source, status: 'new', enteredBy: ids.cadre })
  })

  it('keeps who entered it when a collector records it door to door', async () => {
    const result = await create(suggestionCreateArgs({ source: 'collector' }), collectorActor())
    expect(result.ok && result.changes[0]?.row).toMatchObject({ source: 'collector', enteredBy: ids.collector })
  })

  it('accepts a villager\'s own submission with nobody entering it for them', async () => {
    const args = suggestionCreateArgs({ source: 'villager', submitterName: null, submitterPhone: null })
    const result = await create(args, villagerActor())
    expect(result.ok && result.changes[0]?.row).toMatchObject({
      id: args.id, source: 'villager', enteredBy: null, submitterName: null, submitterPhone: null, status: 'new',
    })
  })

  it('trims the text, stores a blank name as null and defaults attachments to none', async () => {
    const { attachmentIds: _omitted, ...args } = suggestionCreateArgs({ content: '  路灯坏了 ', submitterName: '   ' })
    const result = await create(args, cadreActor())
    expect(result.ok && result.changes[0]?.row).toMatchObject({ content: '路灯坏了', submitterName: null, attachmentIds: [] })
  })

  it('writes a row that satisfies the suggestion schema', async () => {
    const result = await create(suggestionCreateArgs(), collectorActor())
    expect(result.ok && suggestion.safeParse(result.changes[0]?.row).success).toBe(true)
  })

  it('reads only the suggestion row with its own id', async () => {
    const args = suggestionCreateArgs()
    const loader = memoryLoader()
    await create(args, cadreActor(), loader)
    expect(loader.requests).toEqual([{ table: 'suggestions', id: args.id }])
  })

  it.each([
    ['content of one character', { content: '路' }, 'content', 'content_too_short'],
    ['content that is one character after trimming', { content: '  路  ' }, 'content', 'content_too_short'],
    ['content over 2000 characters', { content: '路'.repeat(2001) }, 'content', 'content_too_long'],
    ['a phone number of 5 digits', { submitterPhone: '12345' }, 'submitterPhone', 'phone_invalid'],
    ['a mobile number that does not start with 1', { submitterPhone: '23800000000' }, 'submitterPhone', 'phone_invalid'],
    ['a name over 40 characters', { submitterName: '李'.repeat(41) }, 'submitterName', 'name_too_long'],
  ])('rejects %s as invalid_args naming the field', async (_, overrides, field, detail) => {
    expect(await create(suggestionCreateArgs(overrides), cadreActor())).toEqual({
      ok: false, rejection: { code: 'invalid_args', field, detail },
    })
  })

  it.each([
    ['an unknown category', { category: 'weather' }, 'category'],
    ['an id that is not a UUID', { id: 'abc' }, 'id'],
    ['a malformed receipt code', { receiptCode: 'ab23' }, 'receiptCode'],
    ['eleven attachments', { attachmentIds: Array.from({ length: 11 }, (_, i) => `a${i}`) }, 'attachmentIds'],
  ])('rejects %s as invalid_args on %s', async (_, overrides, field) => {
    const result = await create({ ...suggestionCreateArgs(), ...overrides }, cadreActor())
    expect(result).toEqual({ ok: false, rejection: { code: 'invalid_args', field, detail: expect.any(String) } })
  })

  it('rejects arguments missing a field as invalid_args on that field', async () => {
    const { villageId: _missing, ...args } = suggestionCreateArgs()
    expect(await create(args, cadreActor())).toMatchObject({ ok: false, rejection: { code: 'invalid_args', field: 'villageId' } })
  })

  it.each([
    ['township staff', townshipActor()],
    ['an administrator', adminActor()],
  ])('forbids %s to submit', async (_, actor) => {
    expect(await create(suggestionCreateArgs(), actor)).toEqual({ ok: false, rejection: { code: 'forbidden' } })
  })

  it.each([
    ['a cadre', cadreActor({ villageId: ids.otherVillage }), 'collector'],
    ['a collector', collectorActor({ villageId: ids.otherVillage }), 'collector'],
    ['a villager', villagerActor({ villageId: ids.otherVillage }), 'villager'],
  ] as const)('keeps %s out of another village', async (_, actor, source) => {
    expect(await create(suggestionCreateArgs({ source }), actor)).toEqual({
      ok: false, rejection: { code: 'out_of_scope', field: 'villageId' },
    })
  })

  it.each([
    ['a cadre claiming a villager submitted it online', cadreActor(), 'villager'],
    ['a collector claiming a villager submitted it online', collectorActor(), 'villager'],
    ['a villager claiming to be a collector', villagerActor(), 'collector'],
    ['a villager claiming an on-site record', villagerActor(), 'on_site'],
  ] as const)('rejects %s as invalid_args on source', async (_, actor, source) => {
    expect(await create(suggestionCreateArgs({ source }), actor)).toEqual({
      ok: false, rejection: { code: 'invalid_args', field: 'source' },
    })
  })

  it('rejects an id that already exists as a conflict', async () => {
    const existing = aSuggestion()
    const args = suggestionCreateArgs({ id: existing.id, content: '另一条意见' })
    expect(await create(args, cadreActor(), memoryLoader({ suggestions: [existing] }))).toEqual({
      ok: false, rejection: { code: 'conflict', field: 'id' },
    })
  })

  it('does not revive a deleted suggestion by creating it again', async () => {
    const deleted = aSuggestion({ deletedAt: NOW })
    const args = suggestionCreateArgs({ id: deleted.id })
    expect(await create(args, cadreActor(), memoryLoader({ suggestions: [deleted] }))).toEqual({
      ok: false, rejection: { code: 'conflict', field: 'id' },
    })
  })

  it('refuses a replay once the first create\'s row is stored', async () => {
    const args = suggestionCreateArgs()
    const first = await create(args, cadreActor())
    expect(first.ok).toBe(true)
    const replay = await create(args, cadreActor(), memoryLoader(first.ok ? first.changes : []))
    expect(replay).toEqual({ ok: false, rejection: { code: 'conflict', field: 'id' } })
  })
})

describe('runMutation', () => {
  it.each(['suggestion.delete', 'toString', 'constructor', '__proto__', ''])(
    'rejects the unknown mutation %j',
    async (name) => {
      const result = await runMutation(name, suggestionCreateArgs(), cadreActor(), NOW, memoryLoader())
      expect(result).toEqual({ ok: false, rejection: { code: 'unknown_mutation', ...(name ? { detail: name } : {}) } })
    },
  )
})
