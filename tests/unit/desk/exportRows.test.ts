import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { defaultCalendar } from '@shared/calendar'
import { parseCsv, writeCsv, writeXlsx } from '@shared/desk/exportFiles'
import { ledgerColumnKeys, ledgerExportRows, statsExportRows } from '@shared/desk/exportRows'
import { allTime, periodOf, townshipStats } from '@shared/desk/stats'
import zhCN from '@app/locales/zh-CN'
import { exportWords } from '@app/components/reports/exportWords'
import { townshipIndex, villageA, villageB } from './fixture'

type Tree = { [key: string]: unknown }
/** vue-i18n's `t` over the zh-CN messages, enough for the export words. */
function t(key: string, named: Record<string, unknown> = {}): string {
  const found = key.split('.').reduce<unknown>((node, part) => (node as Tree)[part], zhCN)
  if (typeof found !== 'string') throw new Error(`no message ${key}`)
  return found.replace(/\{(\w+)\}/g, (_, name: string) => String(named[name]))
}

const words = exportWords(t)
const today = '2026-10-12'
const headers = ['编号', '村', '提出日期', '来源', '提出人', '内容', '分类', '状态', '议题/夜话', '拍板内容', '专人', '时限', '办结日期', '是否超期', '满意度', '上报部门', '办理结果']
const col = (key: (typeof ledgerColumnKeys)[number]) => ledgerColumnKeys.indexOf(key)

describe('ledgerExportRows', () => {
  const table = ledgerExportRows(townshipIndex(), { today, words })
  const byContent = (start: string) => table.rows.find((row) => String(row[col('content')]).startsWith(start))!

  it('has the 台账 columns in Chinese and one row per suggestion, by village and day', () => {
    expect(table.columns.map((c) => c.header)).toEqual(headers)
    expect(table.rows).toHaveLength(12)
    expect(table.rows.slice(0, 8).every((row) => row[col('village')] === '刘土城村')).toBe(true)
    expect(table.rows[0]!.slice(0, 4)).toEqual(['ltc001-1', '刘土城村', '2026-09-01', '热线电话'])
    // 南关村's August suggestion is its first
    expect(table.rows[8]!.slice(0, 3)).toEqual(['ngc001-1', '南关村', '2026-08-20'])
  })

  it('fills in the agenda, decision, owner, deadline, resolution date, overdue mark and rating', () => {
    const overdue = byContent('小学门口')
    expect(overdue[col('agenda')]).toBe('修小学门口的路（九月夜话）')
    expect(overdue[col('decision')]).toBe('修补小学门口路面')
    expect(overdue[col('owner')]).toBe('张主任')
    expect(overdue[col('dueOn')]).toBe('2026-09-25')
    expect(overdue[col('overdue')]).toBe('是')
    expect(overdue[col('status')]).toBe('已拍板')

    const late = byContent('=SUM')
    expect(late[col('resolvedOn')]).toBe('2026-09-22')
    expect(late[col('overdue')]).toBe('是')

    const bridge = byContent('南关桥')
    expect(bridge[col('department')]).toBe('交通办')
    expect(bridge[col('owner')]).toBe('刘工')
    expect(bridge[col('result')]).toBe('已加固')
    expect(bridge[col('resolvedOn')]).toBe('2026-09-10')
    expect(bridge[col('overdue')]).toBe('否')
    expect(bridge[col('rating')]).toBe('5星 解决了')

    expect(byContent('麦场')[col('result')]).toBe('已安排保洁员每周清理')
  })

  it('holds only the villages asked for', () => {
    const mine = ledgerExportRows(townshipIndex(), { today, words, villageIds: [villageB.id] })
    expect(mine.rows.map((row) => row[col('village')])).toEqual(['南关村', '南关村', '南关村', '南关村'])
  })
})

describe('export files', () => {
  const table = ledgerExportRows(townshipIndex(), { today, words })

  it('writes an .xlsx that Excel reads back: headers, a frozen header row, widths, date cells, formula-looking text kept as text', async () => {
    const stats = townshipStats(townshipIndex(), periodOf('month', '2026-09-15'), { calendar: defaultCalendar })
    const names = new Map([[villageA.id, villageA.name], [villageB.id, villageB.name]])
    const bytes = await writeXlsx(ExcelJS, [table, statsExportRows(stats, names, words)])
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes)
    const sheet = book.getWorksheet('台账')!
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(headers)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.getColumn(col('content') + 1).width).toBe(48)
    expect(sheet.rowCount).toBe(13)

    const dateCell = sheet.getCell(2, col('collectedOn') + 1)
    expect(dateCell.type).toBe(ExcelJS.ValueType.Date)
    expect((dateCell.value as Date).toISOString()).toBe('2026-09-01T00:00:00.000Z')
    expect(dateCell.numFmt).toBe('yyyy-mm-dd')

    const formulaRow = table.rows.findIndex((row) => String(row[col('content')]).startsWith('=SUM')) + 2
    const formulaLike = sheet.getCell(formulaRow, col('content') + 1)
    expect(formulaLike.type).toBe(ExcelJS.ValueType.String)
    expect(formulaLike.value).toBe('=SUM(A1:A3) 村口排水')
    expect(formulaLike.formula).toBeUndefined()
    expect(formulaLike.numFmt).toBe('@')

    const statsSheet = book.getWorksheet('统计')!
    expect(statsSheet.getCell(1, 1).value).toBe('村')
    expect(statsSheet.getCell(1, 2).value).toBe('收集意见')
    expect(statsSheet.getCell(3, 1).value).toBe('南关村')
    expect(statsSheet.getCell(3, 2).value).toBe(3)
    expect(statsSheet.getCell(4, 1).value).toBe('合计')
    expect(statsSheet.getCell(4, 2).value).toBe(11)
    expect(statsSheet.getCell(3, 7).numFmt).toBe('0.0%')
  })

  it('writes CSV in UTF-8 with a BOM that parses back to the same table, formula-looking cells quoted as text', () => {
    const csv = writeCsv(table)
    const bytes = new TextEncoder().encode(csv)
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)))
    expect(rows[0]).toEqual(headers)
    expect(rows).toHaveLength(13)
    expect(rows[1]![col('collectedOn')]).toBe('2026-09-01')
    expect(rows[1]![col('village')]).toBe('刘土城村')
    const contents = rows.map((row) => row[col('content')])
    expect(contents).toContain("'=SUM(A1:A3) 村口排水")
    expect(contents).toContain("'-河堤护栏缺了一段")
    expect(contents).toContain('红白事大操大办，群众负担重')
  })

  it('quotes commas, quotes and line breaks in CSV', () => {
    const csv = writeCsv({ name: 'x', columns: [{ key: 'a', header: 'a', kind: 'text', width: 1 }], rows: [['说"好",\r\n再说'], ['@x'], [null], [3]] })
    expect(parseCsv(csv)).toEqual([['a'], ['说"好",\r\n再说'], ["'@x"], [''], ['3']])
  })

  it('gives every village of the statistics sheet a row, all time', () => {
    const stats = townshipStats(townshipIndex(), allTime, { calendar: defaultCalendar })
    const sheet = statsExportRows(stats, new Map([[villageA.id, '甲'], [villageB.id, '乙']]), words)
    expect(sheet.rows.map((row) => [row[0], row[1]])).toEqual([['甲', 8], ['乙', 4], ['合计', 12]])
  })
})
