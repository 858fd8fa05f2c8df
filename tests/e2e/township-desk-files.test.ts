// 办结 with files (issue 10, item 3): at a 1280×800 desk the township resolves an item with a
// scanned reply letter as PDF and an Excel sheet (a wrong file refused in words first); the
// village's cadre phone sees them listed by name and downloads the same bytes, then again offline
// from its own copy.
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import zh from '@app/locales/zh-CN'
import { seriousAxeViolations } from './support/axe'
import {
  enrolAs, enrolDesk, expectVisible, freshCode, goOffline, say, useDevice, useSecondDevice, useServer, waitForServiceWorkerControl,
} from './harness'

const server = useServer()
const desk = useDevice(server)
const villagePhone = useSecondDevice(server, 'village cadre')

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })
const statusShown = (page: Page, status: keyof typeof zh.escalation.status) =>
  expectVisible(page.getByText(zh.escalation.status[status], { exact: true }).first(), 20_000)

/** A minimal valid PDF of one empty A4 page, with a correct cross-reference table. */
function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, i) => {
    offsets.push(body.length)
    body += `${i + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

const LETTER = '关于东街排水沟疏通的回复函.pdf'
const SHEET = '清淤工程量.xlsx'

/** A real Excel workbook, as a township office would attach. */
async function workbookBytes(): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('清淤')
  sheet.addRow(['路段', '长度（米）'])
  sheet.addRow(['东街', 300])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Clicks the file's download link and answers the bytes the browser saved. */
async function download(page: Page, name: string, fileName = LETTER): Promise<Buffer> {
  const link = page.getByRole('link', { name: say(zh.attachment.list.downloadFile, { name }) })
  await expectVisible(link, 20_000)
  const [saved] = await Promise.all([page.waitForEvent('download'), link.click()])
  expect(saved.suggestedFilename()).toBe(fileName)
  return readFile(await saved.path())
}

describe('办结 with a file', () => {
  it('the desk attaches a scanned reply letter (PDF) and a sheet (.xlsx); the village phone lists and downloads them, online and offline', async () => {
    const pdf = minimalPdf()
    const shown = say(zh.attachment.list.fileNamed, { name: LETTER, size: `${pdf.length} B` })
    const xlsx = await workbookBytes()
    const sheetShown = say(zh.attachment.list.fileNamed, { name: SHEET, size: `${(xlsx.length / 1024).toFixed(1)} KB` })

    const { page, errors } = desk()
    await enrolDesk(page, server())
    // 东街排水沟疏通 (刘土城村) is with 镇水利站, 报到 done (the demo).
    await page.getByRole('link', { name: '东街排水沟疏通' }).click()
    await page.waitForURL((u) => u.pathname.startsWith('/escalations/'))
    const escalationPath = new URL(page.url()).pathname
    await statusShown(page, 'assigned')

    await button(page, zh.escalation.action.resolve).click()
    await page.getByLabel(zh.escalation.form.resolution).fill('已用机械清淤三百米，排水恢复，回复函附后')
    const chooser = page.getByLabel(zh.attachment.file.pick)
    // An HTML page named .pdf is refused in words, and nothing is added.
    await chooser.setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!doctype html><script>alert(1)</script>') })
    await expectVisible(page.getByRole('alert').filter({ hasText: zh.attachment.file.wrongType }))
    expect(await page.locator('.attachment-list__item').count()).toBe(0)
    // The reply letter is taken, listed by its name and size.
    await chooser.setInputFiles({ name: LETTER, mimeType: 'application/pdf', buffer: pdf })
    await expectVisible(page.getByText(shown, { exact: false }))
    await chooser.setInputFiles({ name: SHEET, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx })
    await expectVisible(page.getByText(sheetShown, { exact: false }))
    await button(page, zh.escalation.form.submit.resolve).click()
    await statusShown(page, 'resolved')
    await expectVisible(page.getByText(zh.desk.sent, { exact: true }), 30_000)
    // The desk sees it under the attachments' heading, and downloads it too.
    await expectVisible(page.getByRole('heading', { name: zh.attachment.gallery.titleWithFiles }))
    expect((await download(page, shown)).equals(pdf)).toBe(true)
    expect(await seriousAxeViolations(page)).toEqual([])

    // The village's cadre phone: the result with the letter, downloaded byte for byte.
    const village = await villagePhone.open()
    const phone = village.page
    await phone.goto('/enrol')
    await waitForServiceWorkerControl(phone)
    await enrolAs(phone, await freshCode(server(), 'cadre', '刘土城村'))
    await phone.goto(escalationPath)
    await statusShown(phone, 'resolved')
    await expectVisible(phone.getByText('已用机械清淤三百米，排水恢复，回复函附后'))
    expect((await download(phone, shown)).equals(pdf)).toBe(true)
    expect((await download(phone, sheetShown, SHEET)).equals(xlsx)).toBe(true)
    expect(await seriousAxeViolations(phone)).toEqual([])

    // Offline, the phone still has the letter: from its own copy (the blobs table), not the server.
    await goOffline(village.context)
    await phone.reload()
    await statusShown(phone, 'resolved')
    expect((await download(phone, shown)).equals(pdf)).toBe(true)

    expect(errors).toEqual([])
    expect(village.errors).toEqual([])
  })
})
