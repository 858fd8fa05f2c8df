import { describe, expect, it } from 'vitest'
import { FILE_TYPES, isFileType, shownAs, sniffFileType } from '@shared/media'
import { ATTACHMENT_NAME_MAX } from '@shared/records'
import { sha256Hex } from '@app/components/attachment/attachmentDraft'
import { fileDraft, fileSize, keptName } from '@app/components/attachment/attachmentFile'
import { sniffMediaType, UNKNOWN_TYPE } from '../../../src/server/http/sniff'
import { docxBytes, storedZip, xlsxBytes } from './storedZip'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const bytesOf = (text: string) => new TextEncoder().encode(text)
/** A minimal PDF. */
const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'
const fileOf = (content: string | Uint8Array<ArrayBuffer>, name: string, type = 'application/pdf') =>
  new File([content], name, { type })

describe('sniffFileType', () => {
  it('knows a PDF by `%PDF-`', () => {
    expect(sniffFileType(bytesOf(PDF))).toBe('application/pdf')
  })

  it('knows a Word and an Excel file by their package parts', async () => {
    expect(sniffFileType(docxBytes())).toBe(DOCX)
    expect(sniffFileType(xlsxBytes())).toBe(XLSX)
    // A real workbook, as the desk's own export writes it.
    const { default: ExcelJS } = await import('exceljs')
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('台账').addRow(['编号', '村'])
    expect(sniffFileType(new Uint8Array(await workbook.xlsx.writeBuffer()))).toBe(XLSX)
  })

  it.each([
    ['a Word file with macros', docxBytes({ 'word/vbaProject.bin': 'code' })],
    ['a Word file with an ActiveX control', docxBytes({ 'word/activeX/activeX1.xml': '<ax/>' })],
    ['a ZIP without a content-types part', storedZip({ 'word/document.xml': '<w:document/>' })],
    ['a ZIP of other things', storedZip({ '[Content_Types].xml': '<Types/>', 'index.html': '<script/>' })],
    ['a ZIP cut short', docxBytes().subarray(0, 60)],
  ])('answers null for %s', (_, bytes) => {
    expect(sniffFileType(bytes)).toBeNull()
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
    expect(FILE_TYPES).toEqual(['application/pdf', DOCX, XLSX])
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

  it('takes a Word and an Excel file, their names ending with their extension', async () => {
    expect(await fileDraft(fileOf(new Uint8Array(docxBytes()), '会议纪要.docx', ''))).toMatchObject({ mime: DOCX, name: '会议纪要.docx' })
    expect(await fileDraft(fileOf(new Uint8Array(xlsxBytes()), '清淤台账', ''))).toMatchObject({ mime: XLSX, name: '清淤台账.xlsx' })
    expect(await fileDraft(fileOf(new Uint8Array(docxBytes({ 'word/vbaProject.bin': 'x' })), 'a.docx')))
      .toEqual({ problem: 'wrongType' })
  })

  it('refuses an empty file and one over 10 MB', async () => {
    expect(await fileDraft(fileOf('', 'a.pdf'))).toEqual({ problem: 'empty' })
    const big = new Uint8Array(10 * 1024 * 1024 + 1)
    big.set(bytesOf('%PDF-1.4'))
    expect(await fileDraft(fileOf(big, 'big.pdf'))).toEqual({ problem: 'tooLarge' })
  })
})

describe('keptName', () => {
  it('keeps a short name as it is and a long one within the limit, ending with its type\'s extension', () => {
    expect(keptName('回复函.pdf')).toBe('回复函.pdf')
    expect(keptName('回复函.PDF')).toBe('回复函.pdf')
    expect(keptName('letter.html')).toBe('letter.html.pdf')
    expect(keptName('表', XLSX)).toBe('表.xlsx')
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
