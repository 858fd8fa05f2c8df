import { describe, expect, it } from 'vitest'
import { FILE_TYPES, isFileType, shownAs, sniffFileType } from '@shared/media'
import { ATTACHMENT_NAME_MAX } from '@shared/records'
import { sha256Hex } from '@app/components/attachment/attachmentDraft'
import { fileDraft, fileSize, keptName } from '@app/components/attachment/attachmentFile'
import { sniffMediaType, UNKNOWN_TYPE } from '../../../src/server/http/sniff'

const bytesOf = (text: string) => new TextEncoder().encode(text)
/** A minimal PDF. */
const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'
const fileOf = (content: string | Uint8Array<ArrayBuffer>, name: string, type = 'application/pdf') =>
  new File([content], name, { type })

describe('sniffFileType', () => {
  it('knows a PDF by `%PDF-`', () => {
    expect(sniffFileType(bytesOf(PDF))).toBe('application/pdf')
  })

  it.each([
    ['an HTML page', '<!doctype html><script>alert(1)</script>'],
    ['an SVG', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['text mentioning %PDF- later', 'hello %PDF-1.4'],
    ['a truncated signature', '%PDF'],
    ['nothing', ''],
  ])('answers null for %s', (_, text) => {
    expect(sniffFileType(bytesOf(text))).toBeNull()
  })

  it('is what the server stores PDF bytes as, shown only as a download', () => {
    expect(sniffMediaType(bytesOf(PDF), 'image/png')).toBe('application/pdf')
    expect(sniffMediaType(bytesOf('<html></html>'), 'application/pdf')).toBe(UNKNOWN_TYPE)
    expect(shownAs('application/pdf')).toBe('download')
    expect(FILE_TYPES).toEqual(['application/pdf'])
    expect(isFileType('application/PDF; charset=binary')).toBe(true)
    expect(isFileType('text/html')).toBe(false)
  })
})

describe('fileDraft', () => {
  it('takes a PDF with its hash, type and name', async () => {
    const draft = await fileDraft(fileOf(PDF, '回复函.pdf'))
    if ('problem' in draft) throw new Error(draft.problem)
    expect(draft).toMatchObject({ kind: 'file', mime: 'application/pdf', name: '回复函.pdf', size: bytesOf(PDF).length })
    expect(draft.sha256).toBe(await sha256Hex(bytesOf(PDF).buffer as ArrayBuffer))
  })

  it('goes by the bytes, not the name or the type the browser guessed', async () => {
    const draft = await fileDraft(fileOf(PDF, 'scan', ''))
    expect('problem' in draft ? draft.problem : draft.mime).toBe('application/pdf')
    expect(await fileDraft(fileOf('<html><script>alert(1)</script></html>', 'letter.pdf'))).toEqual({ problem: 'wrongType' })
    expect(await fileDraft(fileOf('<svg></svg>', 'letter.pdf'))).toEqual({ problem: 'wrongType' })
  })

  it('refuses an empty file and one over 10 MB', async () => {
    expect(await fileDraft(fileOf('', 'a.pdf'))).toEqual({ problem: 'empty' })
    const big = new Uint8Array(10 * 1024 * 1024 + 1)
    big.set(bytesOf('%PDF-1.4'))
    expect(await fileDraft(fileOf(big, 'big.pdf'))).toEqual({ problem: 'tooLarge' })
  })
})

describe('keptName', () => {
  it('keeps a short name as it is and a long one within the limit, with its extension', () => {
    expect(keptName('回复函.pdf')).toBe('回复函.pdf')
    const long = keptName(`${'长'.repeat(300)}.pdf`)
    expect(long).toHaveLength(ATTACHMENT_NAME_MAX)
    expect(long.endsWith('.pdf')).toBe(true)
    expect(keptName('a\u0000b\n.pdf')).toBe('ab.pdf')
    expect(keptName('  ')).toBe('file.pdf')
  })
})

describe('fileSize', () => {
  it.each([
    [820, '820 B'],
    [12_800, '12.5 KB'],
    [3_355_443, '3.2 MB'],
  ])('%d bytes → %s', (bytes, text) => {
    expect(fileSize(bytes)).toBe(text)
  })
})
