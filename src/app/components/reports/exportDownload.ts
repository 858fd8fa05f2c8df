// Make an export file from the rows on this device and hand it to the browser as a download.
// Loaded only when someone exports: it brings exceljs (its browser build, ~250 KB gzip).
import type { ExcelJS } from '@shared/desk/exportFiles'
import { writeCsv, writeXlsx } from '@shared/desk/exportFiles'
import { ledgerExportRows, statsExportRows } from '@shared/desk/exportRows'
import type { Stats } from '@shared/desk/stats'
import type { ReportActor } from './reportRows'
import { loadReportRows } from './reportRows'
import { exportWords } from './exportWords'
import type { StatsSource } from './statsSource'

type Translate = (key: string, named?: Record<string, unknown>) => string

export type ExportKind = 'ledger-xlsx' | 'ledger-csv' | 'stats-xlsx'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

async function loadExcel(): Promise<ExcelJS> {
  const module = (await import('exceljs/dist/exceljs.bare.min.js')) as unknown as { default?: ExcelJS } & ExcelJS
  return module.default ?? module
}

function save(name: string, type: string, data: BlobPart): void {
  const url = URL.createObjectURL(new Blob([data], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started reading the blob; let it go after a while.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** A file name that every system keeps: no path separators or reserved characters. */
export function fileName(parts: readonly string[], extension: string): string {
  return `${parts.filter(Boolean).join('-').replace(/[\\/:*?"<>|\s]+/g, '_')}.${extension}`
}

export interface ExportRequest {
  kind: ExportKind
  /** The villages and township the page shows. */
  source: Pick<StatsSource, 'villageIds' | 'villageNames' | 'township'>
  /** Whose ledger: its rows are read from the device when it is exported. */
  actor: ReportActor
  stats: Stats
  today: string
  t: Translate
}

/** Build the file and start its download; returns its name. */
export async function exportFile({ kind, source, actor, stats, today, t }: ExportRequest): Promise<string> {
  const words = exportWords(t)
  const place = source.villageIds.length === 1 ? source.villageNames.get(source.villageIds[0]!) ?? '' : source.township?.name ?? ''
  if (kind === 'stats-xlsx') {
    const range = `${stats.period.from}_${stats.period.to}`.replace(/0000-01-01_9999-12-31/, t('reports.period.all'))
    const name = fileName([t('reports.export.fileStats'), place, range], 'xlsx')
    save(name, XLSX, await writeXlsx(await loadExcel(), [statsExportRows(stats, source.villageNames, words)]))
    return name
  }
  const rows = await loadReportRows(actor)
  const table = ledgerExportRows(rows.index, { today, words, villageIds: rows.villageIds })
  const base = [t('reports.export.fileLedger'), place, today]
  if (kind === 'ledger-csv') {
    const name = fileName(base, 'csv')
    save(name, 'text/csv;charset=utf-8', writeCsv(table))
    return name
  }
  const name = fileName(base, 'xlsx')
  save(name, XLSX, await writeXlsx(await loadExcel(), [table]))
  return name
}
