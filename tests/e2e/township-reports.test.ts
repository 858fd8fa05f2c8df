import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import type { Download, Page } from 'playwright-core'
import ExcelJS from 'exceljs'
import { todayInShanghai } from '@shared/calendar'
import { toDayNumber, toIsoDate } from '@shared/calendar/dates'
import { parseCsv } from '@shared/desk/exportFiles'
import { newId } from '@shared/ids'
import { newReceipt, newReceiptSecret } from '@shared/villager/receipt'
import zh from '@app/locales/zh-CN'
import {
  enrolAs, enrolDesk, expectVisible, freshCode, goOffline, useDevice, useSecondDevice, useServer,
} from './harness'
import { seriousAxeViolations } from './support/axe'

const server = useServer()
const cadre = useDevice(server)
const townshipPhone = useSecondDevice(server, 'township')

const stages = ['collected', 'onAgenda', 'decided', 'escalated', 'resolved', 'rulesFormed'] as const
const headers = Object.values(zh.reports.export.headers)

/** The village ledger's funnel counts as its page shows them. */
async function ledgerCounts(page: Page): Promise<Record<(typeof stages)[number], number>> {
  const counts = {} as Record<(typeof stages)[number], number>
  for (const stage of stages) {
    counts[stage] = Number(await page.locator(`.ledger-funnel__stage[data-stage="${stage}"] strong`).innerText())
  }
  return counts
}

/** A village's row of the statistics table. */
async function villageRow(page: Page, name: string): Promise<Record<(typeof stages)[number], number>> {
  const row = page.locator('.stats-table tbody tr').filter({ has: page.getByRole('rowheader', { name, exact: true }) })
  const counts = {} as Record<(typeof stages)[number], number>
  for (const stage of stages) counts[stage] = Number(await row.locator(`td[data-column="${stage}"]`).innerText())
  return counts
}

async function download(page: Page, kind: string): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-export="${kind}"]`).click()])
  const path = await file.path()
  return { file, bytes: await readFile(path) }
}

/** The bytes as exceljs's typings want them. */
function asExcel(bytes: Buffer): ExcelJS.Buffer {
  return bytes as unknown as ExcelJS.Buffer
}

/** The records' stamp and the stamp of the statistics' kept facts, as the desk's database holds them. */
function stamps(page: Page): Promise<{ records: unknown; facts: unknown }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('yehua')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const meta = db.transaction('meta', 'readonly').objectStore('meta')
          const records = meta.get('recordsStamp')
          const facts = meta.get('statsFacts')
          facts.onsuccess = () => {
            db.close()
            resolve({ records: records.result?.value, facts: facts.result?.value?.stamp })
          }
        }
      }),
  )
}

/** Whether the kept facts are those of the records as they stand now. */
async function factsCurrent(page: Page): Promise<boolean> {
  const { records, facts } = await stamps(page)
  return typeof records === 'string' && facts === records
}

/** The township's desk at 1280×800, enrolled, its service worker in control. */
async function openDesk() {
  const deskDevice = await townshipPhone.open()
  const desk = deskDevice.page
  await enrolDesk(desk, server())
  return { deskDevice, desk, deskContext: desk.context() }
}

describe('the township reports', () => {
  it('counts as the village ledger does, exports the ledger as .xlsx and CSV (also offline), prints the overdue list, passes axe', async () => {
    // The cadre of 刘土城村 reads the village ledger, then the village's statistics over all time.
    const { page, errors } = cadre()
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto('/')
    await enrolAs(page, await freshCode(server(), 'cadre', '刘土城村'))
    await page.goto('/ledger')
    await expectVisible(page.locator('.ledger-funnel'))
    await expectVisible(page.getByRole('link', { name: zh.reports.title }))
    // The first download is one page, written in one transaction: once anything counts, all does.
    await expect.poll(async () => (await ledgerCounts(page)).collected).toBeGreaterThan(0)
    const ledger = await ledgerCounts(page)

    await page.getByRole('link', { name: zh.reports.title }).click()
    await page.waitForURL((url) => url.pathname === '/ledger/stats')
    await page.getByRole('button', { name: zh.reports.period.all, exact: true }).click()
    await page.waitForURL((url) => url.searchParams.get('period') === 'all')
    await expectVisible(page.getByTestId('stats-ready'))
    for (const stage of stages) {
      await expect.poll(async () => Number(await page.locator(`.stats-page__figure[data-figure="${stage}"] dd`).first().innerText())).toBe(ledger[stage])
    }

    // The township's desk at 1280×800: the same figures in 刘土城村's row.
    const { deskDevice, desk, deskContext } = await openDesk()
    await expectVisible(desk.getByRole('link', { name: zh.reports.title }))
    await desk.getByRole('link', { name: zh.reports.title }).click()
    await desk.waitForURL((url) => url.pathname === '/stats')
    await desk.getByRole('button', { name: zh.reports.period.all, exact: true }).click()
    await expectVisible(desk.getByTestId('stats-ready'))
    await expectVisible(desk.getByRole('rowheader', { name: '刘土城村', exact: true }))
    await expect.poll(() => villageRow(desk, '刘土城村')).toEqual(ledger)
    const townshipCollected = Number(await desk.locator('.stats-page__figure[data-figure="collected"] dd').first().innerText())

    // Sorting by a column reorders the villages.
    await desk.locator('.stats-table__sort[data-column="collected"]').click()
    await expect.poll(() => desk.locator('.stats-table thead th[aria-sort="descending"] [data-column="collected"]').count()).toBe(1)

    // Charts are drawn (ECharts' canvases).
    await expectVisible(desk.locator('.stats-charts__canvas canvas').first())

    expect(await seriousAxeViolations(desk)).toEqual([])
    // and in the dark theme (the app follows the system; ECharts draws with its dark theme)
    await desk.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(() => desk.evaluate(() => document.documentElement.style.colorScheme)).toBe('dark')
    await expectVisible(desk.locator('.stats-charts__canvas canvas').first())
    expect(await seriousAxeViolations(desk)).toEqual([])
    await desk.emulateMedia({ colorScheme: 'light' })

    // The ledger as .xlsx, read back with exceljs.
    const xlsx = await download(desk, 'ledger-xlsx')
    expect(xlsx.file.suggestedFilename()).toMatch(/^台账-郭村镇-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(asExcel(xlsx.bytes))
    const sheet = book.getWorksheet(zh.reports.export.ledgerSheet)!
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(headers)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.rowCount - 1).toBe(townshipCollected)
    expect(sheet.getCell(2, 3).type).toBe(ExcelJS.ValueType.Date)
    const villages = new Set<string>()
    sheet.eachRow((row, n) => {
      if (n > 1) villages.add(String(row.getCell(2).value))
    })
    expect(villages.has('刘土城村')).toBe(true)

    // The same as CSV, UTF-8 with a BOM.
    const csv = await download(desk, 'ledger-csv')
    expect(csv.file.suggestedFilename()).toMatch(/\.csv$/)
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(csv.bytes.toString('utf8'))
    expect(rows[0]).toEqual(headers)
    expect(rows.length - 1).toBe(townshipCollected)
    expect(rows.some((row) => row[1] === '刘土城村')).toBe(true)

    // Offline: the page and the export library come from the service worker's cache.
    await goOffline(deskContext)
    await desk.reload()
    await expectVisible(desk.getByTestId('stats-ready'))
    const offline = await download(desk, 'stats-xlsx')
    const stats = new ExcelJS.Workbook()
    await stats.xlsx.load(asExcel(offline.bytes))
    expect(stats.getWorksheet(zh.reports.export.statsSheet)!.getCell(1, 2).value).toBe(zh.reports.figures.collected)

    // The weekly list: the drain escalation made overdue on this device shows under 已超期.
    const today = todayInShanghai(new Date())
    const past = toIsoDate(toDayNumber(today) - 5)
    await desk.evaluate(async (dueOn) => {
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('yehua')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const store = db.transaction('escalations', 'readwrite').objectStore('escalations')
          const all = store.getAll()
          all.onsuccess = () => {
            const drain = (all.result as { title: string; dueOn: string }[]).find((e) => e.title === '东街排水沟疏通')!
            store.put({ ...drain, dueOn }).onsuccess = () => {
              db.close()
              resolve()
            }
          }
        }
      })
    }, past)
    await desk.goto('/desk/weekly')
    const overdue = desk.locator('[data-group="overdue"]')
    await expectVisible(overdue.getByRole('cell', { name: '东街排水沟疏通' }))
    await expectVisible(overdue.getByText(/超期 \d+ 个工作日/))
    await expectVisible(desk.getByRole('button', { name: zh.reports.weekly.print }))

    // Nothing threw: not ECharts, not exceljs (under the app's CSP), not offline.
    expect(errors).toEqual([])
    expect(deskDevice.errors).toEqual([])
  })

  it("keeps the desk's statistics ready in the background: after a sync round that brought a villager's suggestion, and after its own action offline", async () => {
    const { deskDevice, desk, deskContext } = await openDesk()
    await expectVisible(desk.getByTestId('queue-ready'))
    // After the first download, the worker derives the facts: the statistics page was never opened.
    await expect.poll(() => factsCurrent(desk), { timeout: 30_000 }).toBe(true)

    await desk.getByRole('link', { name: zh.reports.title }).click()
    await desk.getByRole('button', { name: zh.reports.period.all, exact: true }).click()
    await expectVisible(desk.getByTestId('stats-ready'))
    const collected = () => desk.locator('.stats-page__figure[data-figure="collected"] dd').first().innerText().then(Number)
    const before = await collected()
    const keptBefore = (await stamps(desk)).facts

    // Back at the queue, a villager of 孙庄村 sends a suggestion from the village's link.
    await desk.goto('/township')
    await expectVisible(desk.getByTestId('queue-ready'))
    const sent = await fetch(`${server().url}/api/v/szc01/suggestions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: newId(), content: '村西头的路灯不亮了，晚上看不见路。', category: 'infrastructure', name: '', phone: '',
        publicName: false, receipt: newReceipt(), device: newReceiptSecret(), website: '', voice: null,
      }),
    })
    expect(sent.status).toBe(201)
    // The desk's next sync round (coming back to the app starts one) brings it; the facts follow.
    await desk.reload()
    await expectVisible(desk.getByTestId('queue-ready'))
    await expect.poll(async () => (await stamps(desk)).facts, { timeout: 30_000 }).not.toBe(keptBefore)
    await expect.poll(() => factsCurrent(desk), { timeout: 30_000 }).toBe(true)

    await desk.goto('/stats?period=all')
    await expectVisible(desk.getByTestId('stats-ready'))
    expect(await collected()).toBe(before + 1)

    // Offline, the desk accepts 孙庄村's road: its own action moves the records, and the facts
    // follow without a sync round (no network) and without the statistics page.
    await goOffline(deskContext)
    await desk.goto('/township')
    await desk.getByRole('link', { name: '孙庄至镇区道路修补' }).click()
    await desk.waitForURL((u) => u.pathname.startsWith('/escalations/'))
    const keptOffline = (await stamps(desk)).facts
    await desk.getByRole('button', { name: zh.escalation.action.accept, exact: true }).click()
    await desk.getByRole('button', { name: zh.escalation.form.submit.accept, exact: true }).click()
    await expectVisible(desk.getByText(zh.escalation.status.accepted, { exact: true }).first(), 20_000)
    await expect.poll(async () => (await stamps(desk)).facts, { timeout: 30_000 }).not.toBe(keptOffline)
    await expect.poll(() => factsCurrent(desk), { timeout: 30_000 }).toBe(true)
    expect(deskDevice.errors).toEqual([])
  })
})
