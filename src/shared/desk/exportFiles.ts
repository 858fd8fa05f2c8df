// Write export tables (exportRows.ts) as an .xlsx workbook or as CSV. The workbook library is
// passed in: the app loads exceljs's browser build only when someone exports, tests and scripts
// pass the Node build.
import type * as ExcelJSModule from 'exceljs'
import type { ExportTable, ExportValue } from './exportRows'

export type ExcelJS = Pick<typeof ExcelJSModule, 'Workbook'>

/** A value that a spreadsheet would read as a formula (or a DDE command) when opened. */
export function looksLikeFormula(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value)
}

/** 'YYYY-MM-DD' as the Date exceljs writes as that calendar day (it counts days in UTC). */
function dayOf(date: string): Date {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))))
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/

/**
 * One workbook with a sheet per table: a bold header row frozen at the top, each column's width,
 * dates as real date cells, shares as percentages, every text as a text cell (a leading `=`, `+`,
 * `-` or `@` stays text: a text cell is never a formula, and the text format keeps Excel from
 * reading it as one when the cell is edited).
 */
export async function writeXlsx(excel: ExcelJS, tables: readonly ExportTable[]): Promise<ArrayBuffer> {
  const workbook = new excel.Workbook()
  workbook.creator = 'yehua'
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] })
    sheet.columns = table.columns.map((column) => ({
      key: column.key,
      header: column.header,
      width: column.width,
      style:
        column.kind === 'date' ? { numFmt: 'yyyy-mm-dd' }
        : column.kind === 'share' ? { numFmt: '0.0%' }
        : column.kind === 'text' ? { numFmt: '@' }
        : {},
    }))
    sheet.getRow(1).font = { bold: true }
    for (const values of table.rows) {
      sheet.addRow(values.map((value, i) => cellValue(table.columns[i]!.kind, value)))
    }
  }
  const buffer = await workbook.xlsx.writeBuffer()
  return toArrayBuffer(buffer as ArrayBuffer | Uint8Array)
}

function cellValue(kind: ExportTable['columns'][number]['kind'], value: ExportValue): string | number | Date | null {
  if (value === null) return null
  if (kind === 'date' && typeof value === 'string' && datePattern.test(value)) return dayOf(value)
  if (kind === 'number' && typeof value === 'number') return Math.round(value * 100) / 100
  return value
}

function toArrayBuffer(bytes: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

/** One CSV field: quoted when it must be, a formula-looking text prefixed with `'` so it stays text. */
function csvField(value: ExportValue): string {
  if (value === null) return ''
  let text = typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : value
  if (typeof value === 'string' && looksLikeFormula(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * The table as CSV for Excel: UTF-8 with a byte order mark (without it Excel reads Chinese as
 * the local code page), CRLF line ends, dates as 'YYYY-MM-DD'.
 */
export function writeCsv(table: ExportTable): string {
  const lines = [table.columns.map((column) => csvField(column.header)), ...table.rows.map((row) => row.map(csvField))]
  return `\uFEFF${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`
}

/** Parse CSV as `writeCsv` writes it (for tests and checks): rows of fields, the BOM dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let field = ''
  let row: string[] = []
  let quoted = false
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
