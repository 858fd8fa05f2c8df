import { describe, expect, it } from 'vitest'
import {
  adminActor, aDecision, aMeeting, anAttachment, anEscalation, aSuggestion, cadreActor, changed, collectorActor,
  fresh, ids, nextId, refused, run, townshipActor, villagerActor,
} from './builders'

const photo = { sha256: 'b'.repeat(64), kind: 'photo', mime: 'image/jpeg', size: 52_000 } as const

describe('attachment.add', () => {
  const suggestion = aSuggestion({ attachmentIds: [] })
  const escalation = anEscalation()
  const rows = { suggestions: [suggestion], escalations: [escalation], meetings: [aMeeting()], decisions: [aDecision()] }

  it('records a photo of the opinion book on a suggestion and lists it there', async () => {
    const id = nextId()
    const args = { id, ...photo, subjectType: 'suggestion', subjectId: suggestion.id }
    expect(await run('attachment.add', args, collectorActor(), rows)).toEqual({
      ok: true,
      changes: [
        {
          table: 'attachments',
          row: { ...fresh(id), ...photo, villageId: ids.village, subjectType: 'suggestion', subjectId: suggestion.id },
        },
        { table: 'suggestions', row: changed(suggestion, { attachmentIds: [id] }) },
      ],
    })
  })

  it('does not list an id twice when suggestion.create already named it', async () => {
    const id = nextId()
    const named = aSuggestion({ attachmentIds: [id] })
    const args = { id, ...photo, subjectType: 'suggestion', subjectId: named.id }
    const result = await run('attachment.add', args, cadreActor(), { suggestions: [named] })
    expect(result.ok && result.changes.map((c) => c.table)).toEqual(['attachments'])
  })

  it('lets a villager attach a voice note to their own suggestion with its receipt', async () => {
    const args = { id: nextId(), sha256: 'c'.repeat(64), kind: 'audio', mime: 'audio/webm', size: 9000, subjectType: 'suggestion', subjectId: suggestion.id, receiptCode: suggestion.receiptCode }
    const result = await run('attachment.add', args, villagerActor(), rows)
    expect(result.ok && result.changes[0]?.row).toMatchObject({ kind: 'audio', subjectId: suggestion.id })
  })

  it('lets township staff attach a photo to an escalation of their township', async () => {
    const args = { id: nextId(), ...photo, subjectType: 'escalation', subjectId: escalation.id }
    const result = await run('attachment.add', args, townshipActor(), rows)
    expect(result.ok && result.changes).toHaveLength(1)
  })

  it.each([
    ['a villager without the receipt', villagerActor(), 'suggestion', { receiptCode: 'ZZZZZZZZ' }, 'receiptCode'],
    ['a collector on a meeting', collectorActor(), 'meeting', {}, undefined],
    ['township staff on a suggestion', townshipActor(), 'suggestion', {}, undefined],
    ['an administrator', adminActor(), 'escalation', {}, undefined],
  ] as const)('forbids %s', async (_, actor, subjectType, extra, field) => {
    const subjectId = { suggestion: suggestion.id, meeting: rows.meetings[0]!.id, escalation: escalation.id }[subjectType]
    const args = { id: nextId(), ...photo, subjectType, subjectId, ...extra }
    expect(await run('attachment.add', args, actor, rows)).toEqual(refused('forbidden', field))
  })

  it('keeps township staff out of another township\'s escalation', async () => {
    const args = { id: nextId(), ...photo, subjectType: 'escalation', subjectId: escalation.id }
    expect(await run('attachment.add', args, townshipActor({ townshipId: ids.otherTownship }), rows))
      .toEqual(refused('out_of_scope', 'subjectId'))
  })

  it('keeps a cadre out of another village', async () => {
    const args = { id: nextId(), ...photo, subjectType: 'decision', subjectId: rows.decisions[0]!.id }
    expect(await run('attachment.add', args, cadreActor({ villageId: ids.otherVillage }), rows))
      .toEqual(refused('out_of_scope', 'subjectId'))
  })

  it.each([
    ['a photo that is not an image', { mime: 'audio/webm' }, 'mime', 'mime_mismatch'],
    ['a file over 10 MiB', { size: 11 * 1024 * 1024 }, 'size', 'file_too_large'],
    ['a malformed hash', { sha256: 'xyz' }, 'sha256', 'sha256_invalid'],
  ])('rejects %s', async (_, overrides, field, detail) => {
    const args = { id: nextId(), ...photo, subjectType: 'suggestion', subjectId: suggestion.id, ...overrides }
    expect(await run('attachment.add', args, cadreActor(), rows)).toEqual(refused('invalid_args', field, detail))
  })

  it('refuses an eleventh attachment on a suggestion', async () => {
    const full = aSuggestion({ attachmentIds: Array.from({ length: 10 }, () => nextId()) })
    const args = { id: nextId(), ...photo, subjectType: 'suggestion', subjectId: full.id }
    expect(await run('attachment.add', args, cadreActor(), { suggestions: [full] }))
      .toEqual(refused('invalid_args', 'subjectId', 'too_many_attachments'))
  })

  it('refuses an id that is taken', async () => {
    const existing = anAttachment({ subjectId: suggestion.id })
    const args = { id: existing.id, ...photo, subjectType: 'suggestion', subjectId: suggestion.id }
    expect(await run('attachment.add', args, cadreActor(), { ...rows, attachments: [existing] })).toEqual(refused('conflict', 'id'))
  })

  it('answers not_found for a missing subject', async () => {
    const args = { id: nextId(), ...photo, subjectType: 'decision', subjectId: nextId() }
    expect(await run('attachment.add', args, cadreActor(), rows)).toEqual(refused('not_found', 'subjectId'))
  })

  describe('files (办结\'s evidence: a PDF)', () => {
    const file = { sha256: 'd'.repeat(64), kind: 'file', mime: 'application/pdf', size: 180_000, name: '关于东街排水沟的回复函.pdf' } as const

    it('lets township staff attach a PDF to an escalation, keeping its name', async () => {
      const id = nextId()
      const args = { id, ...file, subjectType: 'escalation', subjectId: escalation.id }
      expect(await run('attachment.add', args, townshipActor(), rows)).toEqual({
        ok: true,
        changes: [{ table: 'attachments', row: { ...fresh(id), ...file, villageId: ids.village, subjectType: 'escalation', subjectId: escalation.id } }],
      })
    })

    it.each([
      ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', '清淤方案.docx'],
      ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '清淤台账.XLSX'],
    ])('takes a %s file', async (mime, name) => {
      const args = { id: nextId(), ...file, mime, name, subjectType: 'escalation', subjectId: escalation.id }
      const result = await run('attachment.add', args, townshipActor(), rows)
      expect(result.ok && result.changes[0]?.row).toMatchObject({ kind: 'file', mime, name })
    })

    it('trims the name and takes one of exactly 120 characters', async () => {
      const name = `${'回'.repeat(116)}.pdf`
      const args = { id: nextId(), ...file, name: `  ${name} `, subjectType: 'escalation', subjectId: escalation.id }
      const result = await run('attachment.add', args, townshipActor(), rows)
      expect(result.ok && result.changes[0]?.row).toMatchObject({ name })
    })

    it.each([
      ['a file that is not a PDF', { mime: 'image/jpeg' }, 'mime', 'mime_mismatch'],
      ['an HTML file', { mime: 'text/html' }, 'mime', 'mime_invalid'],
      ['an old Word document', { mime: 'application/msword' }, 'mime', 'mime_invalid'],
      ['a type that only starts like a PDF', { mime: 'application/pdfx' }, 'mime', 'mime_invalid'],
      ['a type like .docx with a dot unescaped', { mime: 'application/vnd.openxmlformats-officedocumentXwordprocessingml.document' }, 'mime', 'mime_invalid'],
      ['a macro-enabled Word document', { mime: 'application/vnd.ms-word.document.macroEnabled.12' }, 'mime', 'mime_invalid'],
      ['a PDF named .html', { name: 'letter.html' }, 'name', 'name_extension'],
      ['a Word file named .pdf', { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, 'name', 'name_extension'],
      ['a photo that claims to be a PDF', { kind: 'photo', name: undefined }, 'mime', 'mime_mismatch'],
      ['a file without a name', { name: undefined }, 'name', 'name_mismatch'],
      ['a photo with a name', { kind: 'photo', mime: 'image/jpeg' }, 'name', 'name_mismatch'],
      ['a name over 120 characters', { name: `${'a'.repeat(117)}.pdf` }, 'name', 'name_too_long'],
      ['an empty name', { name: '   ' }, 'name', 'name_required'],
      ['a name with NUL', { name: 'a\u0000.pdf' }, 'name', 'invalid_char'],
      ['a PDF over 10 MiB', { size: 10 * 1024 * 1024 + 1 }, 'size', 'file_too_large'],
    ])('rejects %s', async (_, overrides, field, detail) => {
      const args = { id: nextId(), ...file, subjectType: 'escalation', subjectId: escalation.id, ...overrides }
      expect(await run('attachment.add', args, townshipActor(), rows)).toEqual(refused('invalid_args', field, detail))
    })

    it.each([
      ['a suggestion', 'suggestion', suggestion.id],
      ['a meeting', 'meeting', rows.meetings[0]!.id],
      ['a decision', 'decision', rows.decisions[0]!.id],
    ] as const)('refuses a file on %s', async (_, subjectType, subjectId) => {
      const args = { id: nextId(), ...file, subjectType, subjectId }
      expect(await run('attachment.add', args, cadreActor(), rows)).toEqual(refused('invalid_args', 'kind', 'file_not_allowed'))
    })
  })
})
